import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { TicketKind } from './ticket-kind';

export async function getTicketIdByNumber(
  db: DbOrTx,
  kind: TicketKind,
  number: number,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: kind.table.id })
    .from(kind.table)
    .where(eq(kind.table.number, number));
  return (row?.id as string | undefined) ?? undefined;
}
