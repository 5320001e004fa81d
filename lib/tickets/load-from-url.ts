import { notFound } from 'next/navigation';
import { getDb, type DbOrTx } from '@/db/client';
import { parseTicketNumber } from './ticket-number';
import type { TicketKind } from './ticket-kind';

/** The ticket a page's URL names (/incidents/1042 or /incidents/INC-1042), loaded by `load`, or a 404. */
export async function loadTicketFromUrl<T>(
  kind: Pick<TicketKind, 'numberPrefix'>,
  param: string,
  load: (db: DbOrTx, where: { number: number }) => Promise<T | undefined>,
): Promise<T> {
  const number = parseTicketNumber(kind.numberPrefix, decodeURIComponent(param));
  if (!number) notFound();
  const ticket = await load(getDb(), { number });
  if (!ticket) notFound();
  return ticket;
}
