import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { incidentNotes, incidents } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { assertNoteVersion } from '@/lib/notes/assert-note-version';
import { isOwner } from '@/lib/owners/owner';
import { parseInput } from '@/lib/validation';
import { loadForUpdate } from './load-for-update';
import { noteEditInput, noteInput } from './schemas';

export type IncidentNote = typeof incidentNotes.$inferSelect;

/**
 * Adds a note. Notes are append-only evidence; the first note by an owner counts as the
 * response for the response target.
 */
export async function addIncidentNote(db: Db, actor: Actor, incidentId: string, rawInput: z.input<typeof noteInput>): Promise<IncidentNote> {
  assertCan(actor, 'tickets.work');
  const { body } = parseInput(noteInput, rawInput);
  return db.transaction(async (tx) => {
    const incident = await loadForUpdate(tx, actor, incidentId);
    const [note] = await tx
      .insert(incidentNotes)
      .values({ incidentId, authorId: actor.kind === 'user' ? actor.userId : null, authorLabel: actorLabel(actor), body })
      .returning();
    const byOwner = actor.kind === 'user' && (await isOwner(tx, actor.userId, incident));
    const responded = !incident.respondedAt && byOwner;
    await tx
      .update(incidents)
      .set({
        updatedAt: sql`now()`,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        ...(responded ? { respondedAt: note.createdAt } : {}),
      })
      .where(eq(incidents.id, incidentId));
    await recordActivity(tx, actor, {
      action: 'incident.note-added',
      entityType: 'incident',
      entityId: incidentId,
      changes: {
        note: { old: null, new: body },
        ...(responded ? { respondedAt: { old: null, new: note.createdAt.toISOString() } } : {}),
      },
    });
    await queueNotification(tx, actor, { entityType: 'incident', entityId: incidentId, event: 'updated', note: body, changes: { note: { old: null, new: body } } });
    return note;
  });
}

/** Its author corrects a note; the earlier text stays in the activity log. */
export async function editIncidentNote(
  db: Db,
  actor: Actor,
  incidentId: string,
  noteId: string,
  rawInput: z.input<typeof noteEditInput>,
): Promise<IncidentNote> {
  assertCan(actor, 'tickets.work');
  const { body, version } = parseInput(noteEditInput, rawInput);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(incidentNotes)
      .where(and(eq(incidentNotes.id, noteId), eq(incidentNotes.incidentId, incidentId)))
      .for('update');
    if (!before) throw new NotFoundError('That note does not exist.');
    if (actor.kind !== 'user' || before.authorId !== actor.userId) throw new ForbiddenError('Only its author can edit a note.');
    assertNoteVersion(before, version, actor);
    if (before.body === body) return before;
    const [after] = await tx
      .update(incidentNotes)
      .set({ body, editedAt: sql`now()`, version: sql`${incidentNotes.version} + 1` })
      .where(eq(incidentNotes.id, noteId))
      .returning();
    await recordActivity(tx, actor, {
      action: 'incident.note-edited',
      entityType: 'incident',
      entityId: incidentId,
      changes: { note: { old: before.body, new: body } },
    });
    return after;
  });
}
