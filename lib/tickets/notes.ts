import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { assertNoteVersion } from '@/lib/notes/assert-note-version';
import { noteEditInput, noteInput } from '@/lib/notes/note-input';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { parseInput } from '@/lib/validation';
import { loadTicketForUpdate } from './load-for-update';
import type { TicketKind, TicketRow } from './ticket-kind';

// Notes are append-only evidence of the work (the database refuses to delete them); only
// their author corrects one, and the earlier text stays in the activity log.

export type TicketNote = {
  id: string;
  authorId: string | null;
  authorLabel: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  version: number;
};

/** Adds a note; the kind's onNoteAdded hook may change the ticket with it (an incident's response). */
export async function addNote<Row extends TicketRow>(
  db: DbOrTx,
  kind: TicketKind<Row>,
  actor: Actor,
  ticketId: string,
  rawInput: z.input<typeof noteInput>,
): Promise<TicketNote> {
  assertCan(actor, kind.permissions.work);
  const { body } = parseInput(noteInput, rawInput);
  return db.transaction(async (tx) => {
    const ticket = await loadTicketForUpdate(tx, kind, actor, ticketId);
    const authorId = actor.kind === 'user' ? actor.userId : null;
    const [note] = (await tx
      .insert(kind.notes.table)
      .values({
        [kind.notes.ticketKey]: ticketId,
        authorId,
        authorLabel: actorLabel(actor),
        body,
      } as never)
      .returning()) as TicketNote[];
    const effect = (await kind.hooks?.onNoteAdded?.(tx, actor, ticket, note)) ?? {};
    await tx
      .update(kind.table)
      .set({ updatedAt: sql`now()`, updatedById: authorId, ...effect.set } as never)
      .where(eq(kind.table.id, ticketId));
    const noteChange = { note: { old: null, new: body } };
    await recordActivity(tx, actor, {
      action: `${kind.entityType}.note-added`,
      entityType: kind.entityType,
      entityId: ticketId,
      changes: { ...noteChange, ...effect.changes },
    });
    await queueNotification(tx, actor, {
      entityType: kind.entityType,
      entityId: ticketId,
      event: 'updated',
      note: body,
      changes: noteChange,
    });
    return note;
  });
}

/** Its author corrects a note, naming the version their form showed. */
export async function editNote(
  db: DbOrTx,
  kind: TicketKind,
  actor: Actor,
  ticketId: string,
  noteId: string,
  rawInput: z.input<typeof noteEditInput>,
): Promise<TicketNote> {
  assertCan(actor, kind.permissions.work);
  const { body, version } = parseInput(noteEditInput, rawInput);
  const notes = kind.notes;
  return db.transaction(async (tx) => {
    const [before] = (await tx
      .select()
      .from(notes.table)
      .where(and(eq(notes.table.id, noteId), eq(notes.ticketId, ticketId)))
      .for('update')) as TicketNote[];
    if (!before) throw new NotFoundError('That note does not exist.');
    if (actor.kind !== 'user' || before.authorId !== actor.userId)
      throw new ForbiddenError('Only its author can edit a note.');
    assertNoteVersion(before, version, actor);
    if (before.body === body) return before;
    const [after] = (await tx
      .update(notes.table)
      .set({ body, editedAt: sql`now()`, version: sql`${notes.table.version} + 1` } as never)
      .where(eq(notes.table.id, noteId))
      .returning()) as TicketNote[];
    await recordActivity(tx, actor, {
      action: `${kind.entityType}.note-edited`,
      entityType: kind.entityType,
      entityId: ticketId,
      changes: { note: { old: before.body, new: body } },
    });
    return after;
  });
}
