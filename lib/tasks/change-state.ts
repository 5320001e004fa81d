import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskNotes, tasks, type FieldChanges, type Task } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { parseInput } from '@/lib/validation';
import { loadTaskForUpdate } from './load-for-update';
import { changeTaskStateInput, type ChangeTaskStateInput } from './schemas';

/**
 * Open → Closed (findings required: what was reviewed and what was found) or Invalid
 * (reason required); a closed or invalid task can be reopened. Findings and the reason
 * are kept on the task and as a note; every move is in the activity log.
 */
export async function changeTaskState(db: DbOrTx, actor: Actor, taskId: string, rawInput: ChangeTaskStateInput): Promise<Task> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(changeTaskStateInput, rawInput);
  return db.transaction(async (tx) => {
    const before = await loadTaskForUpdate(tx, actor, taskId, input.version);
    if (before.state === input.state) return before;

    const closing = input.state === 'closed';
    const invalidating = input.state === 'invalid';
    const reopening = input.state === 'open';
    const [after] = await tx
      .update(tasks)
      .set({
        state: input.state,
        // Reopening clears them: the task is no longer done. The earlier words stay in the
        // notes and the activity log.
        findings: closing ? input.findings! : null,
        invalidReason: invalidating ? input.reason! : null,
        closedAt: reopening ? null : sql`now()`,
        updatedAt: sql`now()`,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        version: sql`${tasks.version} + 1`,
      })
      .where(eq(tasks.id, taskId))
      .returning();

    const words = closing ? input.findings : invalidating ? input.reason : input.note;
    const noteBody = closing ? `Findings: ${words}` : invalidating ? `Invalid: ${words}` : words ? `Reopened: ${words}` : undefined;
    if (noteBody) {
      await tx.insert(taskNotes).values({
        taskId,
        authorId: actor.kind === 'user' ? actor.userId : null,
        authorLabel: actorLabel(actor),
        body: noteBody,
      });
    }
    const changes: FieldChanges = { state: { old: before.state, new: after.state } };
    if (closing) changes.findings = { old: before.findings, new: after.findings };
    if (invalidating) changes.invalidReason = { old: before.invalidReason, new: after.invalidReason };
    if (reopening && input.note) changes.note = { old: null, new: input.note };
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

/** The API's and the form's "close with findings". */
export function closeTask(db: DbOrTx, actor: Actor, taskId: string, input: { version: number; findings: string }): Promise<Task> {
  return changeTaskState(db, actor, taskId, { version: input.version, state: 'closed', findings: input.findings });
}
