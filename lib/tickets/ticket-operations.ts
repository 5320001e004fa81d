import type { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import type { noteEditInput, noteInput } from '@/lib/notes/note-input';
import { addAttachment, getAttachment } from './attachments';
import { getTicketIdByNumber } from './find-by-number';
import { addNote, editNote } from './notes';
import type { TicketKind, TicketRow } from './ticket-kind';

/**
 * The shared domain functions bound to one kind, so a kind's module can export them under
 * its own names (addIncidentNote, addTaskNote) with the kind's signatures.
 */
export function ticketOperations<Row extends TicketRow>(kind: TicketKind<Row>) {
  return {
    addNote: (db: DbOrTx, actor: Actor, ticketId: string, input: z.input<typeof noteInput>) =>
      addNote(db, kind, actor, ticketId, input),
    editNote: (
      db: DbOrTx,
      actor: Actor,
      ticketId: string,
      noteId: string,
      input: z.input<typeof noteEditInput>,
    ) => editNote(db, kind, actor, ticketId, noteId, input),
    addAttachment: (
      db: DbOrTx,
      actor: Actor,
      ticketId: string,
      file: { fileName: string; data: Buffer },
    ) => addAttachment(db, kind, actor, ticketId, file),
    getAttachment: (db: DbOrTx, ticketId: string, attachmentId: string) =>
      getAttachment(db, kind, ticketId, attachmentId),
    getIdByNumber: (db: DbOrTx, number: number) => getTicketIdByNumber(db, kind, number),
  };
}
