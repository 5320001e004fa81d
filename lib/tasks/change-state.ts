import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskNotes, tasks, type FieldChanges, type Task, type TaskState } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { parseInput } from '@/lib/validation';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { taskKind } from './ticket-kind';
import {
  changeTaskStateInput,
  TASK_STATE_LABELS,
  TASK_TRANSITIONS,
  taskNumberLabel,
  type ChangeTaskStateInput,
} from './schemas';

// How the refusal names what happened to a task that left the state the person saw.
const CHANGE_INTO: Record<TaskState, string> = {
  open: 'reopened',
  closed: 'closed',
  invalid: 'marked invalid',
};

/**
 * Close (findings required: what was reviewed and what was found), mark invalid (reason
 * required) or reopen (reason required). The move names the state the person saw: if the
 * task is no longer in it, or has a newer version, nothing changes and they hear who moved
 * it. Findings and reasons are kept on the task and as a note; every move is logged.
 */
export async function changeTaskState(
  db: DbOrTx,
  actor: Actor,
  taskId: string,
  rawInput: ChangeTaskStateInput,
): Promise<Task> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(changeTaskStateInput, rawInput);
  const transition = TASK_TRANSITIONS[input.transition];
  if (!(transition.from as readonly TaskState[]).includes(input.from)) {
    throw new ValidationError(
      {
        transition: `A task that is ${TASK_STATE_LABELS[input.from].toLowerCase()} cannot be moved that way.`,
      },
      `"${input.transition}" does not apply to a task that is ${TASK_STATE_LABELS[input.from].toLowerCase()}.`,
    );
  }
  return db.transaction(async (tx) => {
    // The state first: "TASK-2010 was closed by Dana" says more than "was changed".
    const before = await loadTicketForUpdate(tx, taskKind, actor, taskId);
    if (before.state !== input.from)
      throw await changedByConflict(
        tx,
        actor,
        before,
        taskNumberLabel(before.number),
        CHANGE_INTO[before.state],
      );
    if (before.version !== input.version)
      throw await changedByConflict(tx, actor, before, taskNumberLabel(before.number));

    const closing = input.transition === 'close';
    const invalidating = input.transition === 'mark-invalid';
    const reopening = input.transition === 'reopen';
    const [after] = await tx
      .update(tasks)
      .set({
        state: transition.to,
        // Reopening clears them: the task is no longer done. The earlier words stay in the
        // notes and the activity log.
        findings: closing ? input.findings! : null,
        invalidReason: invalidating ? input.reason! : null,
        closedAt: reopening ? null : sql`now()`,
        closedById: !reopening && actor.kind === 'user' ? actor.userId : null,
        updatedAt: sql`now()`,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        version: sql`${tasks.version} + 1`,
      })
      .where(eq(tasks.id, taskId))
      .returning();

    const words = closing ? input.findings : input.reason;
    const noteBody = closing
      ? `Findings: ${words}`
      : invalidating
        ? `Invalid: ${words}`
        : `Reopened: ${words}`;
    await tx.insert(taskNotes).values({
      taskId,
      authorId: actor.kind === 'user' ? actor.userId : null,
      authorLabel: actorLabel(actor),
      body: noteBody,
    });
    const changes: FieldChanges = { state: { old: before.state, new: after.state } };
    if (closing) changes.findings = { old: before.findings, new: after.findings };
    if (invalidating)
      changes.invalidReason = { old: before.invalidReason, new: after.invalidReason };
    if (reopening) changes.reason = { old: null, new: input.reason! };
    await recordActivity(tx, actor, {
      action: closing ? 'task.closed' : invalidating ? 'task.invalidated' : 'task.reopened',
      entityType: 'task',
      entityId: taskId,
      changes,
    });
    await queueNotification(tx, actor, {
      entityType: 'task',
      entityId: taskId,
      event: closing ? 'closed' : invalidating ? 'invalid' : 'opened',
      changes,
      note: words,
    });
    return after;
  });
}

/** The API's "close with findings", from the state the caller saw. */
export function closeTask(
  db: DbOrTx,
  actor: Actor,
  taskId: string,
  input: { version: number; from: TaskState; findings: string },
): Promise<Task> {
  return changeTaskState(db, actor, taskId, { ...input, transition: 'close' });
}
