import type { DbOrTx } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { getTicketIdByNumber } from '@/lib/tickets/find-by-number';
import type { TicketKind } from '@/lib/tickets/ticket-kind';
import { parseTicketNumber } from '@/lib/tickets/ticket-number';

export type TicketRouteContext = { params: Promise<{ number: string }> };

/** The id behind `/incidents/{number}` ("1042" or "INC-1042", with the kind's prefix); 404 for anything else. */
export async function resolveTicketId(
  db: DbOrTx,
  kind: TicketKind,
  context: TicketRouteContext,
): Promise<{ id: string; number: number }> {
  const { number: raw } = await context.params;
  const number = parseTicketNumber(kind.numberPrefix, raw);
  const id = number === undefined ? undefined : await getTicketIdByNumber(db, kind, number);
  if (number === undefined || !id)
    throw new NotFoundError(`There is no ${kind.noun} ${raw.slice(0, 40)}.`);
  return { id, number };
}
