import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';
import { thisTicket, type TicketKind, type TicketRow } from './ticket-kind';

/**
 * Locks the ticket for this transaction and checks the caller edited its latest version:
 * saving over someone else's newer change is refused, never silent.
 */
export async function loadTicketForUpdate<Row extends TicketRow>(
  tx: Tx,
  kind: TicketKind<Row>,
  actor: Actor,
  ticketId: string,
  expectedVersion?: number,
): Promise<Row> {
  const [ticket] = (await tx
    .select()
    .from(kind.table)
    .where(eq(kind.table.id, ticketId))
    .for('update')) as Row[];
  if (!ticket) throw new NotFoundError(`That ${kind.noun} does not exist.`);
  if (expectedVersion !== undefined && ticket.version !== expectedVersion)
    throw await changedByConflict(tx, actor, ticket, thisTicket(kind));
  return ticket;
}
