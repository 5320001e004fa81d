import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { taskNotes, tasks } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { noteEditInput, noteInput } from '@/lib/incidents/schemas';
import { assertNoteVersion } from '@/lib/notes/assert-note-version';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { parseInput } from '@/lib/validation';
import { loadTaskForUpdate } from './load-for-update';

export type TaskNote = typeof taskNotes.$inferSelect;

/** Adds a note: evidence of the work, never deleted (the database refuses it). */
export async function addTaskNote(db: DbOrTx, actor: Actor, taskId: string, rawInput: z.input<typeof noteInput>): Promise<TaskNote> {
  assertCan(actor, 'tickets.work');
  const { body } = parseInput(noteInput, rawInput);
  return db.transaction(async (tx) => {
    await loadTaskForUpdate(tx, actor, taskId);
    const [note] = await tx
      .insert(taskNotes)
      .values({ taskId, authorId: actor.kind === 'user' ? actor.userId : null, authorLabel: actorLabel(actor), body })
      .returning();
    await tx
      .update(tasks)
      .set({ updatedAt: sql`now()`, updatedById: actor.kind === 'user' ? actor.userId : null })
      .where(eq(tasks.id, taskId));
    const changes = { note: { old: null, new: body } };
    await recordActivity(tx, actor, { action: 'task.note-added', entityType: 'task', entityId: taskId, changes });
    await queueNotification(tx, actor, { entityType: 'task', entityId: taskId, event: 'updated', note: body, changes });
    return note;
  });
}

/** Its author corrects a note; the earlier text stays in the activity log. */
export async function editTaskNote(db: DbOrTx, actor: Actor, taskId: string, noteId: string, rawInput: z.input<typeof noteEditInput>): Promise<TaskNote> {
  assertCan(actor, 'tickets.work');
  const { body, version } = parseInput(noteEditInput, rawInput);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(taskNotes)
      .where(and(eq(taskNotes.id, noteId), eq(taskNotes.taskId, taskId)))
      .for('update');
    if (!before) throw new NotFoundError('That note does not exist.');
    if (actor.kind !== 'user' || before.authorId !== actor.userId) throw new ForbiddenError('Only its author can edit a note.');
    assertNoteVersion(before, version, actor);
    if (before.body === body) return before;
    const [after] = await tx.update(taskNotes).set({ body, editedAt: sql`now()`, version: sql`${taskNotes.version} + 1` }).where(eq(taskNotes.id, noteId)).returning();
    await recordActivity(tx, actor, { action: 'task.note-edited', entityType: 'task', entityId: taskId, changes: { note: { old: before.body, new: body } } });
    return after;
  });
}
