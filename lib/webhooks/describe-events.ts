import { inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { incidents, taskSchedules, tasks } from '@/db/schema';
import { incidentNumberLabel, SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { taskNumberLabel } from '@/lib/tasks/schemas';
import type { WebhookEventInput } from './event-input';
import type { WebhookEvent } from './webhook-message';

const TASK_STATE_LABELS: Record<string, string> = {
  open: 'Open',
  closed: 'Closed',
  invalid: 'Invalid',
};

const WARNING_WORDS = {
  half: 'half its notice time used',
  'three-quarters': 'three quarters of its notice time used',
  missed: 'notice deadline passed',
} as const;

/**
 * Builds each event's message from the items as they are in the transaction (after the
 * change). Items are loaded in one query per kind, however many events a bulk change makes.
 * An event whose item is gone (deleted in the same transaction) is dropped.
 */
export async function describeEvents(
  tx: Tx,
  inputs: WebhookEventInput[],
): Promise<(WebhookEvent | undefined)[]> {
  const incidentIds = new Set<string>();
  const taskIds = new Set<string>();
  const scheduleIds = new Set<string>();
  for (const input of inputs) {
    if ('incidentId' in input) incidentIds.add(input.incidentId);
    else if ('taskId' in input) taskIds.add(input.taskId);
    else scheduleIds.add(input.scheduleId);
  }
  const [incidentRows, taskRows, scheduleRows] = await Promise.all([
    incidentIds.size
      ? tx
          .select()
          .from(incidents)
          .where(inArray(incidents.id, [...incidentIds]))
      : [],
    taskIds.size
      ? tx
          .select()
          .from(tasks)
          .where(inArray(tasks.id, [...taskIds]))
      : [],
    scheduleIds.size
      ? tx
          .select({ id: taskSchedules.id, name: taskSchedules.name })
          .from(taskSchedules)
          .where(inArray(taskSchedules.id, [...scheduleIds]))
      : [],
  ]);
  const incidentById = new Map(incidentRows.map((r) => [r.id, r]));
  const taskById = new Map(taskRows.map((r) => [r.id, r]));
  const scheduleById = new Map(scheduleRows.map((r) => [r.id, r]));

  return inputs.map((input): WebhookEvent | undefined => {
    if ('incidentId' in input) {
      const incident = incidentById.get(input.incidentId);
      if (!incident) return undefined;
      const number = incidentNumberLabel(incident.number);
      const head = `${number} (${SEVERITY_LABELS[incident.severity]})`;
      const data = {
        id: incident.id,
        number,
        title: incident.title,
        severity: incident.severity,
        state: incident.state,
        source: incident.source,
        responseDueAt: incident.responseDueAt.toISOString(),
        createdAt: incident.createdAt.toISOString(),
      };
      const common = { path: `/incidents/${incident.number}`, severity: incident.severity };
      switch (input.type) {
        case 'incident.opened':
          return {
            ...common,
            type: input.type,
            summary: `${head} opened: ${incident.title}`,
            data,
          };
        case 'incident.closed':
          return {
            ...common,
            type: input.type,
            summary: `${head} closed: ${incident.title}`,
            data: { ...data, previousState: input.previousState ?? null },
          };
        case 'incident.state-changed':
          return {
            ...common,
            type: input.type,
            summary: `${head} moved to ${STATE_LABELS[incident.state]}: ${incident.title}`,
            data: { ...data, previousState: input.previousState ?? null },
          };
        case 'incident.breached':
          return {
            ...common,
            type: input.type,
            summary: `${head} missed its response target: ${incident.title}`,
            data,
          };
        case 'incident.escalated':
          return {
            ...common,
            type: input.type,
            summary: `${head} escalated: ${incident.title}`,
            data: { ...data, previousSeverity: input.previousSeverity ?? null },
          };
        case 'notice.warning':
          return {
            ...common,
            type: input.type,
            summary: `${head} ${input.ruleName}: ${WARNING_WORDS[input.warning]} (deadline ${input.deadlineAt.toISOString()})`,
            data: {
              ...data,
              noticeRule: input.ruleName,
              warning: input.warning,
              deadlineAt: input.deadlineAt.toISOString(),
            },
          };
      }
    }
    if ('taskId' in input) {
      const task = taskById.get(input.taskId);
      if (!task) return undefined;
      const number = taskNumberLabel(task.number);
      const data = {
        id: task.id,
        number,
        title: task.title,
        state: task.state,
        dueAt: task.dueAt?.toISOString() ?? null,
        scheduleId: task.scheduleId ?? null,
      };
      const words =
        input.type === 'task.opened'
          ? input.previousState
            ? 'reopened'
            : 'opened'
          : input.type === 'task.overdue'
            ? 'is overdue'
            : `closed as ${TASK_STATE_LABELS[task.state] ?? task.state}`;
      return {
        type: input.type,
        path: `/tasks/${task.number}`,
        summary: `${number} ${words}: ${task.title}`,
        data:
          input.type === 'task.overdue'
            ? data
            : { ...data, previousState: input.previousState ?? null },
      };
    }
    const schedule = scheduleById.get(input.scheduleId);
    if (!schedule) return undefined;
    const periods = input.periods.map((p) => ({
      periodKey: p.periodKey,
      occurrenceAt: p.occurrenceAt.toISOString(),
    }));
    return {
      type: input.type,
      path: `/schedules/${schedule.id}`,
      summary: `Schedule “${schedule.name}” missed ${periods.length === 1 ? 'a period' : `${periods.length} periods`}: ${input.reason}`,
      data: { id: schedule.id, name: schedule.name, reason: input.reason, periods },
    };
  });
}
