import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox, type OutboxRow } from '@/db/schema';

/** Delivers one message or throws; must be idempotent, as delivery is at least once. */
export type Deliverer = (message: OutboxRow) => Promise<void>;

export type DrainResult = { delivered: number; retried: number; failed: number };

/** 30 s, 1 min, 2 min... capped at an hour: a provider outage is ridden out, not hammered. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/**
 * Delivers due outbox messages in batches until none is due. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so any number of workers drain side by side without taking
 * the same message; a worker that dies mid-batch releases its rows for another.
 */
export async function drainOutbox(
  db: Db,
  deliverers: Partial<Record<string, Deliverer>>,
  options: { batchSize?: number; maxBatches?: number; concurrency?: number } = {},
): Promise<DrainResult> {
  const result: DrainResult = { delivered: 0, retried: 0, failed: 0 };
  const batchSize = options.batchSize ?? 100;
  for (let batch = 0; batch < (options.maxBatches ?? 50); batch++) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.availableAt, sql`now()`)))
        .orderBy(asc(outbox.availableAt), asc(outbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      // Deliveries in a batch overlap (a provider's round trip dominates each one); the
      // rows stay locked by this transaction until every outcome is recorded.
      const outcomes = await mapWithConcurrency(rows, options.concurrency ?? 10, (row) => deliverOne(row, deliverers[row.kind]));
      for (const [i, row] of rows.entries()) {
        const outcome = outcomes[i];
        result[outcome.status === 'sent' ? 'delivered' : outcome.status === 'failed' ? 'failed' : 'retried']++;
        await tx
          .update(outbox)
          .set({
            status: outcome.status === 'retry' ? 'pending' : outcome.status,
            attempts: row.attempts + 1,
            lastError: outcome.error ?? null,
            deliveredAt: outcome.status === 'sent' ? sql`now()` : null,
            availableAt: outcome.status === 'retry' ? new Date(Date.now() + retryDelayMs(row.attempts + 1)) : row.availableAt,
          })
          .where(eq(outbox.id, row.id));
      }
      return rows.length;
    });
    if (claimed < batchSize) break;
  }
  return result;
}

async function deliverOne(
  row: OutboxRow,
  deliver: Deliverer | undefined,
): Promise<{ status: 'sent' | 'retry' | 'failed'; error?: string }> {
  try {
    if (!deliver) throw new Error(`no deliverer for outbox kind "${row.kind}"`);
    await deliver(row);
    return { status: 'sent' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Parked after the last attempt, where administrators see it and can retry it.
    return { status: row.attempts + 1 >= row.maxAttempts ? 'failed' : 'retry', error: message.slice(0, 2000) };
  }
}

async function mapWithConcurrency<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return results;
}
