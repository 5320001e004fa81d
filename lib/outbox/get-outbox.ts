import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { devMailbox, outbox, type OutboxRow } from '@/db/schema';

export type OutboxStatus = OutboxRow['status'];
export const OUTBOX_PAGE = 50;
export const MAILBOX_PAGE = 30;

/** Counts per status; the status index serves them, and 'sent' is capped so a huge history stays cheap. */
export async function getOutboxCounts(db: DbOrTx): Promise<Record<OutboxStatus, number>> {
  const [row] = await db.execute<{ pending: number; failed: number; sent: number }>(sql`
    select (select count(*) from outbox where status = 'pending')::int as pending,
           (select count(*) from outbox where status = 'failed')::int as failed,
           (select count(*) from (select 1 from outbox where status = 'sent' limit 10000) s)::int as sent`);
  return { pending: row.pending, failed: row.failed, sent: row.sent };
}

/** Newest first, paged by id (the keyset): `before` is the last id of the previous page. */
export async function getOutboxRows(
  db: DbOrTx,
  params: { status: OutboxStatus; before?: number },
): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.status, params.status),
        params.before ? lt(outbox.id, params.before) : undefined,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE);
}

export type DevMailboxPage = {
  rows: { id: number; outboxId: number; to: string; subject: string; createdAt: Date }[];
  /** The `before` of the next older page, or null on the oldest. */
  olderCursor: number | null;
  /** The `after` of the next newer page, or null on the newest. */
  newerCursor: number | null;
};

/**
 * One page of the development mailbox, newest first, paged both ways by id (the primary key
 * is the keyset): `before` walks to older messages, `after` back to newer ones.
 */
export async function getDevMailboxPage(
  db: DbOrTx,
  params: { before?: number; after?: number; limit?: number } = {},
): Promise<DevMailboxPage> {
  const limit = params.limit ?? MAILBOX_PAGE;
  const backwards = params.after !== undefined && params.before === undefined;
  const rows = await db
    .select({
      id: devMailbox.id,
      outboxId: devMailbox.outboxId,
      to: devMailbox.to,
      subject: devMailbox.subject,
      createdAt: devMailbox.createdAt,
    })
    .from(devMailbox)
    .where(
      params.before !== undefined
        ? lt(devMailbox.id, params.before)
        : backwards
          ? gt(devMailbox.id, params.after!)
          : undefined,
    )
    .orderBy(backwards ? asc(devMailbox.id) : desc(devMailbox.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  // One more row than the page says whether the way we are going goes on; the way we came from
  // always does (we came from there).
  const older = backwards ? page.length > 0 : more;
  const newer = backwards ? more : params.before !== undefined;
  return {
    rows: page,
    olderCursor: older && page.length ? page.at(-1)!.id : null,
    newerCursor: newer && page.length ? page[0].id : null,
  };
}

export async function getDevMailboxMessage(db: DbOrTx, id: number) {
  const [message] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return message;
}
