import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb, type Db } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import type { UserActor } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/session';
import { addNote, editNote } from './notes';
import type { TicketKind } from './ticket-kind';

// The body every ticket page's server action shares: one domain call as the signed-in
// person, its outcome as an ActionResult, and the kind's pages refreshed when it worked.

type Work = (db: Db, actor: UserActor) => Promise<unknown>;

/** Runs `work`; on success refreshes every page under the kind's route and says `message`. */
export async function runTicketAction(
  kind: Pick<TicketKind, 'routeBase'>,
  work: Work,
  message?: string,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await work(getDb(), actor);
    return undefined;
  }, message);
  if (result.ok) revalidatePath(kind.routeBase, 'layout');
  return result;
}

/**
 * Saves a ticket form (new or edit) and goes to the ticket's page; `query` is added to the
 * URL (the "created" banner names the version it is about). A refusal keeps the form.
 */
export async function saveTicketForm(
  kind: Pick<TicketKind, 'routeBase'>,
  save: (db: Db, actor: UserActor) => Promise<{ number: number; version: number }>,
  query: (saved: { number: number; version: number }) => string = () => '',
): Promise<ActionResult<{ number: number; version: number }>> {
  const actor = await currentActor();
  const result = await toActionResult(() => save(getDb(), actor));
  if (!result.ok) return result;
  revalidatePath(kind.routeBase, 'layout');
  redirect(`${kind.routeBase}/${result.data.number}${query(result.data)}`);
}

export function addNoteFromForm(
  kind: TicketKind,
  ticketId: string,
  form: FormData,
): Promise<ActionResult> {
  return runTicketAction(
    kind,
    (db, actor) => addNote(db, kind, actor, ticketId, { body: String(form.get('body') ?? '') }),
    'Note added.',
  );
}

export function editNoteFromForm(
  kind: TicketKind,
  ticketId: string,
  noteId: string,
  form: FormData,
): Promise<ActionResult> {
  return runTicketAction(
    kind,
    (db, actor) =>
      editNote(db, kind, actor, ticketId, noteId, {
        body: String(form.get('body') ?? ''),
        version: String(form.get('version') ?? ''),
      }),
    'Note updated; the earlier text is kept in the activity log.',
  );
}
