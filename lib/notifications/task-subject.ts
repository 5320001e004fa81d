import type { DbOrTx } from '@/db/client';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { TASK_STATE_LABELS } from '@/lib/tasks/schemas';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { formatDateTime } from '@/lib/time/format';
import { describeChanges, ownerNames } from '@/lib/activity/describe-changes';
import type { NotificationPayload } from './notification-payload';
import type { NotificationEvent } from './queue-notification';
import { ownerCandidates, watcherCandidates } from './item-candidates';
import type { Candidate } from './select-recipients';
import type { NotificationSubject, SubjectLoaderContext } from './subject';
import { changedDigestLine, clip } from './subject-text';
import { ownerLabel } from '@/lib/owners/owner-label';

const DAY_MS = 24 * 3600 * 1000;

// Said to the owners only: a watcher follows the task's course, not its owner's to-do list.
const OWNERS_ONLY: ReadonlySet<NotificationEvent> = new Set([
  'assigned',
  'due-tomorrow',
  'overdue',
]);
// Decided by the reminder job a moment earlier; if the task was closed since, say nothing.
const REMINDERS: ReadonlySet<NotificationEvent> = new Set(['due-tomorrow', 'overdue']);
const STATE_OPTIONS = { stateLabels: TASK_STATE_LABELS };

export async function loadTaskSubject(
  db: DbOrTx,
  taskId: string,
  context: SubjectLoaderContext,
  event: NotificationPayload,
): Promise<NotificationSubject | undefined> {
  const task = await getTaskDetail(db, { id: taskId });
  if (!task) return undefined;
  const reference = `TASK-${task.number}`;
  const url = `${context.publicUrl}/tasks/${task.number}`;
  const owners = await ownerNames(db, event.changes);
  const item = {
    reference,
    title: task.title,
    url,
    state: TASK_STATE_LABELS[task.state],
    owner: ownerLabel(task.owner),
  };
  const reopened = event.event === 'opened' && !!event.changes.state;

  return {
    entityType: 'task',
    entityId: task.id,
    reference,
    title: task.title,
    url,
    candidates:
      REMINDERS.has(event.event) && task.state !== 'open'
        ? []
        : await taskCandidates(db, task, event),
    emailFor(e, recipient, reason) {
      const common = { item, reason };
      const due = task.dueAt ? formatDateTime(task.dueAt, recipient.timeZone) : undefined;
      switch (e.event) {
        case 'opened':
          return {
            template: 'task-opened',
            props: {
              ...common,
              actorLabel: e.actorLabel,
              reopened,
              ...(due ? { due } : {}),
              ...(reopened
                ? pick('note', clip(e.note))
                : pick('description', clip(task.description))),
            },
          };
        case 'updated':
          return {
            template: 'task-updated',
            props: {
              ...common,
              actorLabel: e.actorLabel,
              changes: describeChanges(e.changes, recipient.timeZone, owners, STATE_OPTIONS),
              ...pick('note', clip(e.note)),
            },
          };
        case 'closed':
        case 'invalid':
          return {
            template: 'task-closed',
            props: {
              ...common,
              actorLabel: e.actorLabel,
              outcome: e.event,
              note:
                clip(e.note ?? (e.event === 'closed' ? task.findings : task.invalidReason) ?? '') ??
                '',
            },
          };
        case 'assigned':
          return {
            template: 'task-assigned',
            props: { ...common, actorLabel: e.actorLabel, ...(due ? { due } : {}) },
          };
        case 'due-tomorrow':
          return {
            template: 'task-due-tomorrow',
            props: { ...common, due: due ?? '—', when: dueDayWord(task.dueAt, recipient.timeZone) },
          };
        case 'overdue':
          return {
            template: 'task-overdue',
            props: {
              ...common,
              due: due ?? '—',
              daysOverdue: daysOverdue(task.dueAt, recipient.timeZone),
            },
          };
        default:
          throw new Error(`tasks have no "${e.event}" notification`);
      }
    },
    digestLine(e) {
      switch (e.event) {
        case 'opened':
          return reopened
            ? `${e.actorLabel} reopened it${e.note ? `: ${clip(e.note, 300)}` : ''}`
            : `${e.actorLabel} opened it`;
        case 'closed':
          return `${e.actorLabel} closed it${e.note ? `: ${clip(e.note, 300)}` : ''}`;
        case 'invalid':
          return `${e.actorLabel} marked it invalid${e.note ? `: ${clip(e.note, 300)}` : ''}`;
        case 'assigned':
          return `${e.actorLabel} assigned it to ${item.owner}`;
        case 'due-tomorrow':
          // Lines are shared by every reader: the zone is named.
          return `Due tomorrow (${formatDateTime(task.dueAt, 'UTC')})`;
        case 'overdue':
          return `Overdue since ${formatDateTime(task.dueAt, 'UTC')}`;
        default:
          return changedDigestLine(e, owners, STATE_OPTIONS);
      }
    },
  };
}

function pick<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** Calendar days between the due date and today, both in the reader's zone; at least 1. */
/**
 * "today" when the task falls due on the recipient's today: the reminder owed the day before
 * goes on the due day when the worker was down (lib/notifications/task-reminders.ts).
 */
export function dueDayWord(
  dueAt: Date | null,
  timeZone: string,
  now = new Date(),
): 'today' | 'tomorrow' {
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d);
  return dueAt && day(dueAt) === day(now) ? 'today' : 'tomorrow';
}

function daysOverdue(dueAt: Date | null, timeZone: string, now = new Date()): number {
  if (!dueAt) return 1;
  const day = (d: Date) =>
    Date.parse(
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(d),
    );
  return Math.max(1, Math.round((day(now) - day(dueAt)) / DAY_MS));
}

/**
 * The owner (or each member of the owning team) and, unless the event is for owners only,
 * the watchers. When an update changed the owner, the new owners hear of it by the
 * "assigned" email queued beside it, not a second "updated" one.
 */
async function taskCandidates(
  db: DbOrTx,
  task: { id: string; ownerUserId: string | null; ownerTeamId: string | null },
  event: NotificationPayload,
): Promise<Candidate[]> {
  const [owners, watchers] = await Promise.all([
    ownerCandidates(db, task),
    OWNERS_ONLY.has(event.event) ? [] : watcherCandidates(db, taskKind, task.id),
  ]);
  const assignedAlongside =
    event.event === 'updated' &&
    typeof event.changes.owner?.new === 'string' &&
    event.changes.owner.new !== '';
  if (!assignedAlongside) return [...owners, ...watchers];
  const told = new Set(owners.map((c) => c.userId));
  return watchers.filter((c) => !told.has(c.userId));
}
