import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { getEventStore } from './store';
import type { MatchSummary, QueryNode, TimeRange } from './types';

/**
 * Summarizes a search on the caller's transaction's own connection, inside a savepoint, for
 * work that searches events while it holds a row lock (a schedule generating a review, a
 * trigger evaluating a window):
 * - no second pool connection is taken while this one holds the lock (the worker's pool is
 *   sized one connection per running job, so waiting for another could stall every job);
 * - a failed statement aborts a PostgreSQL transaction, and the savepoint confines that to
 *   the search, so the caller can still record what happened;
 * - the timeout bounds how long the lock is held; it is set for the search alone and put back
 *   afterwards. A search stopped by it fails with SQLSTATE 57014.
 */
export async function summarizeEventsInSavepoint(
  tx: Tx,
  query: QueryNode,
  window: TimeRange,
  options: { timeoutMs: number; sampleLimit: number },
): Promise<MatchSummary> {
  return tx.transaction(async (savepoint) => {
    const [{ previous }] = await savepoint.execute<{ previous: string }>(
      sql`select current_setting('statement_timeout') as previous, set_config('statement_timeout', ${String(options.timeoutMs)}, true)`,
    );
    // The store's reads are plain statements, which a transaction runs as well as the pool.
    const summary = await getEventStore(savepoint as unknown as Db).summarize(
      query,
      window,
      options.sampleLimit,
    );
    await savepoint.execute(sql`select set_config('statement_timeout', ${previous}, true)`);
    return summary;
  });
}
