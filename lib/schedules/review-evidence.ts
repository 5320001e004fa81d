import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { isDatabaseUnavailable } from '@/lib/db-errors';
import { pgErrorCode } from '@/db/errors';
import {
  taskReviewEvidence,
  type Task,
  type TaskReviewEvidence,
  type TaskSchedule,
} from '@/db/schema';
import { EventQuerySyntaxError, parseEventQuery } from '@/lib/events/query/parse';
import { getEventStore } from '@/lib/events/store';
import type { MatchSummary, QueryNode, TimeRange } from '@/lib/events/types';
import { log } from '@/lib/log';
import { reviewWindow } from './review-window';

// A generated review records what it looked at: the schedule's query over the period since
// the previous occurrence, how many events matched and a SHA-256 of exactly which, so an
// examiner can re-run it later and compare. Written in the generating transaction; a query
// that cannot run is recorded with its error, and the task is created all the same.

/** The evidence query runs while the schedule's row is locked: it may not hold it longer. */
export const REVIEW_QUERY_TIMEOUT_MS = 15_000;

type Outcome = { summary: MatchSummary } | { error: string };

/**
 * Runs the search on the generating transaction's own connection, inside a savepoint:
 * - no second pool connection is taken while this one holds the schedule's lock (the
 *   worker's pool is sized one connection per running job, so waiting for another could
 *   stall every job at once);
 * - a failed statement aborts a PostgreSQL transaction, and the savepoint confines that to
 *   the search, so the period's task and ledger row still commit;
 * - it only reads, so the only locks it adds are shared ones on the day partitions it
 *   scans, held until this short transaction ends.
 * The timeout is set for the search alone and put back afterwards.
 */
async function summarizeInSavepoint(
  tx: Tx,
  query: QueryNode,
  window: TimeRange,
): Promise<MatchSummary> {
  return tx.transaction(async (savepoint) => {
    const [{ previous }] = await savepoint.execute<{ previous: string }>(
      sql`select current_setting('statement_timeout') as previous, set_config('statement_timeout', ${String(REVIEW_QUERY_TIMEOUT_MS)}, true)`,
    );
    // The store's reads are plain statements, which a transaction runs as well as the pool.
    const summary = await getEventStore(savepoint as unknown as Db).summarize(query, window, 0);
    await savepoint.execute(sql`select set_config('statement_timeout', ${previous}, true)`);
    return summary;
  });
}

function errorWords(error: unknown): string {
  if (error instanceof EventQuerySyntaxError) {
    const expected = error.expected.length ? `; expected ${error.expected.join(' or ')}` : '';
    return `The query could not be read at character ${error.position + 1}: ${error.message}${expected}`;
  }
  if (pgErrorCode(error) === '57014')
    return `The event search took longer than ${REVIEW_QUERY_TIMEOUT_MS / 1000} seconds and was stopped; make the query more specific.`;
  const message = error instanceof Error ? error.message : String(error);
  return `The event search failed: ${message}`.slice(0, 2000);
}

async function runQuery(tx: Tx, text: string, window: TimeRange): Promise<Outcome> {
  try {
    return { summary: await summarizeInSavepoint(tx, parseEventQuery(text), window) };
  } catch (error) {
    // An outage is not the query's fault: let the generator retry the period later.
    if (isDatabaseUnavailable(error)) throw error;
    log('warn', 'review evidence query failed; recorded on the task', { err: error });
    return { error: errorWords(error) };
  }
}

/**
 * Records the review evidence of a newly generated task (nothing when the schedule has no
 * query). Call inside generatePeriodTask's transaction, after the task exists.
 */
export async function recordReviewEvidence(
  tx: Tx,
  schedule: Pick<TaskSchedule, 'query' | 'rrule' | 'pattern' | 'timeZone'>,
  task: Pick<Task, 'id'>,
  occurrence: Date,
): Promise<TaskReviewEvidence | null> {
  const query = schedule.query.trim();
  if (!query) return null;
  const window = reviewWindow(schedule, occurrence);
  const outcome = await runQuery(tx, query, window);
  const [row] = await tx
    .insert(taskReviewEvidence)
    .values({
      taskId: task.id,
      query,
      windowFrom: window.from,
      windowTo: window.to,
      matchCount: 'summary' in outcome ? outcome.summary.count : null,
      idsSha256: 'summary' in outcome ? outcome.summary.idsSha256 : null,
      error: 'error' in outcome ? outcome.error : null,
    })
    .returning();
  return row;
}
