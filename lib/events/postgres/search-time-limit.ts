import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pgErrorCode } from '@/db/errors';
import { SearchTimeLimitError } from '../search-time-limit-error';

/**
 * How long one interactive search statement may run (the Events page, the API, the export).
 * A bare word has no index to use and scans every event in the range: without a limit a
 * 30-day one holds a pooled connection for as long as it takes, and a few at once stall
 * everyone. VIGIL_EVENT_SEARCH_TIMEOUT_MS changes it; read per search so it can be tuned live.
 */
export function searchTimeoutMs(): number {
  const configured = Number(process.env.VIGIL_EVENT_SEARCH_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : 15_000;
}

/** Runs `search` in a transaction whose statements stop at the limit, refused in words when they do. */
export async function withSearchTimeLimit<T>(db: Db, search: (db: Db) => Promise<T>): Promise<T> {
  const ms = searchTimeoutMs();
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${String(ms)}, true)`);
      // The searches only read; they take a transaction, not a different kind of handle.
      return search(tx as unknown as Db);
    });
  } catch (error) {
    if (pgErrorCode(error) !== '57014') throw error;
    throw new SearchTimeLimitError(ms);
  }
}
