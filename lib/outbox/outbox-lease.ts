import { and, asc, eq, inArray, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox, type OutboxRow } from '@/db/schema';

// The outbox as leases. A worker claims rows in one short committed statement that counts
// the attempt and sets `available_at` to the end of its lease; it delivers outside any
// transaction and records each outcome on its own, guarded by its claim. A worker that dies
// holds nothing: its rows come back when the lease ends, with the attempt already counted.

/** A claimed row: `claimedAt` identifies this claim, and guards every write that follows it. */
export type ClaimedRow = OutboxRow & { claimedAt: Date };

/** Rows not delivered yet whose wait (or last lease) is over. */
const pendingAndAvailable = [eq(outbox.status, 'pending'), lte(outbox.availableAt, sql`now()`)];

// Truncated to milliseconds because the claim is read back into a JavaScript Date: the
// guard `claimed_at = $claimed` must compare what was stored with what the worker holds.
const claimInstant = sql`date_trunc('milliseconds', now())`;

/**
 * Claims up to `limit` due rows for `leaseMs`, oldest first. SKIP LOCKED lets any number of
 * workers claim side by side without taking the same row. A row whose previous lease ended
 * without an outcome (its worker died) says so in its last error.
 */
export async function claimOutbox(
  db: Db,
  options: { limit: number; leaseMs: number; skipKinds?: string[] },
): Promise<ClaimedRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        ...pendingAndAvailable,
        lt(outbox.attempts, outbox.maxAttempts),
        options.skipKinds?.length ? notInArray(outbox.kind, options.skipKinds) : undefined,
      ),
    )
    .orderBy(asc(outbox.availableAt), asc(outbox.id))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(outbox)
    .set({
      attempts: sql`${outbox.attempts} + 1`,
      claimedAt: claimInstant,
      availableAt: sql`now() + ${options.leaseMs} * interval '1 millisecond'`,
      lastError: sql`case when ${outbox.claimedAt} is not null then 'the worker stopped during delivery (attempt ' || ${outbox.attempts} || ')' else ${outbox.lastError} end`,
    })
    .where(inArray(outbox.id, due))
    .returning();
  // RETURNING comes in no particular order; deliver oldest first, as claimed.
  return rows.sort((a, b) => a.id - b.id) as ClaimedRow[];
}

/**
 * Parks rows whose lease ended with every attempt used: each claim of them ended with the
 * worker gone (a message that crashes the process), so claiming again would crash it again.
 * They wait in Settings → Outbox, where an administrator sees why and can retry.
 */
export async function parkAbandonedOutbox(db: Db, limit: number): Promise<number> {
  const abandoned = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(...pendingAndAvailable, sql`${outbox.attempts} >= ${outbox.maxAttempts}`))
    .limit(limit)
    .for('update', { skipLocked: true });
  const parked = await db
    .update(outbox)
    .set({
      status: 'failed',
      claimedAt: null,
      lastError: sql`'the worker stopped during delivery ' || ${outbox.attempts} || ' times'`,
    })
    .where(inArray(outbox.id, abandoned))
    .returning({ id: outbox.id });
  return parked.length;
}

export type Outcome =
  | { status: 'sent' }
  | { status: 'retry'; error: string; retryAt: Date }
  | { status: 'failed'; error: string };

/**
 * Records the outcomes of deliveries that finished around the same time, in one statement
 * (group commit: under load, one write for many rows; alone, one for each). Every row's
 * write is guarded by its own claim, so a worker whose lease ended cannot overwrite a newer
 * claim. Returns the ids recorded; a missing one lost its lease to another worker.
 */
export async function recordOutcomes(
  db: Db,
  done: { row: ClaimedRow; outcome: Outcome }[],
): Promise<Set<number>> {
  if (!done.length) return new Set();
  const values = sql.join(
    done.map(
      ({ row, outcome }) =>
        sql`(${row.id}::bigint, ${row.claimedAt.toISOString()}::timestamptz, ${outcome.status}::text, ${outcome.status === 'sent' ? null : outcome.error}::text, ${outcome.status === 'retry' ? outcome.retryAt.toISOString() : null}::timestamptz)`,
    ),
    sql`, `,
  );
  const recorded = await db.execute<{ id: number }>(sql`
    update outbox as o set
      status = (case when v.status = 'retry' then 'pending' else v.status end)::outbox_status,
      claimed_at = null,
      last_error = v.last_error,
      delivered_at = case when v.status = 'sent' then now() end,
      -- a retry's backoff; a sent or parked row is never claimed again, whatever it says
      available_at = coalesce(v.retry_at, now())
    from (values ${values}) as v (id, claimed_at, status, last_error, retry_at)
    where o.id = v.id and o.claimed_at = v.claimed_at
    returning o.id`);
  return new Set(recorded.map((r) => Number(r.id)));
}

/**
 * Gives rows back at once, as if never claimed (a shutdown): another worker takes them now
 * rather than after the lease, and the attempt that did not happen is not counted.
 */
export async function releaseOutbox(db: Db, rows: ClaimedRow[]): Promise<number> {
  const byClaim = new Map<number, ClaimedRow[]>();
  for (const row of rows)
    byClaim.set(row.claimedAt.getTime(), [...(byClaim.get(row.claimedAt.getTime()) ?? []), row]);
  let released = 0;
  for (const [claimedAt, claim] of byClaim) {
    const done = await db
      .update(outbox)
      .set({ availableAt: sql`now()`, claimedAt: null, attempts: sql`${outbox.attempts} - 1` })
      .where(
        and(
          inArray(
            outbox.id,
            claim.map((r) => r.id),
          ),
          eq(outbox.claimedAt, new Date(claimedAt)),
          eq(outbox.status, 'pending'),
        ),
      )
      .returning({ id: outbox.id });
    released += done.length;
  }
  return released;
}

/** When the next pending row comes due (a retry's backoff, a lease ending), if any; `skipKinds` as for a claim. */
export async function nextOutboxDueAt(db: Db, skipKinds: string[] = []): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: outbox.availableAt })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        skipKinds.length ? notInArray(outbox.kind, skipKinds) : undefined,
      ),
    )
    .orderBy(asc(outbox.availableAt), asc(outbox.id))
    .limit(1);
  return row?.at;
}
