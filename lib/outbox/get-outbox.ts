import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { devMailbox, outbox, type OutboxRow } from '@/db/schema';

export type OutboxStatus = OutboxRow['status'];
export const OUTBOX_PAGE = 50;

/** Counts per status; the status index serves them, and 'sent' is capped so a huge history stays cheap. */
export async function getOutboxCounts(db: DbOrTx): Promise<Record<OutboxStatus, number>> {
  const [row] = await db.execute<{ pending: number; failed: number; sent: number }>(sql`
    select (select count(*) from outbox where status = 'pending')::int as pending,
           (select count(*) from outbox where status = 'failed')::int as failed,
           (select count(*) from (select 1 from outbox where status = 'sent' limit 10000) s)::int as sent`);
  return { pending: row.pending, failed: row.failed, sent: row.sent };
}

/** Newest first, paged by id (the keyset): `before` is the last id of the previous page. */
export async function getOutboxRows(db: DbOrTx, params: { status: OutboxStatus; before?: number }): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, params.status), params.before ? lt(outbox.id, params.before) : undefined))
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE);
}

export async function getDevMailbox(db: DbOrTx, limit = 30) {
  return db
    .select({ id: devMailbox.id, outboxId: devMailbox.outboxId, to: devMailbox.to, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.id))
    .limit(limit);
}

export async function getDevMailboxMessage(db: DbOrTx, id: number) {
  const [message] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return message;
}
