import type { Tx } from '@/db/client';
import { isDatabaseUnavailable, rootMessage } from '@/lib/db-errors';
import { pgErrorCode } from '@/db/errors';
import {
  taskReviewEvidence,
  type Task,
  type TaskReviewEvidence,
  type TaskSchedule,
} from '@/db/schema';
import { EventQuerySyntaxError, parseEventQuery } from '@/lib/events/query/parse';
import { summarizeEventsInSavepoint } from '@/lib/events/summarize-in-savepoint';
import type { MatchSummary, TimeRange } from '@/lib/events/types';
import { log } from '@/lib/log';
import { reviewWindow } from './review-window';

// A generated review records what it looked at: the schedule's query over the period since
// the previous occurrence, how many events matched and a SHA-256 of exactly which, so an
// examiner can re-run it later and compare. Written in the generating transaction; a query
// that cannot run is recorded with its error, and the task is created all the same.

/**
 * The evidence query runs while the schedule's row is locked, on the generating transaction's
 * connection (summarizeEventsInSavepoint): it may not hold the lock longer.
 */
export const REVIEW_QUERY_TIMEOUT_MS = 15_000;

type Outcome = { summary: MatchSummary } | { error: string };

function errorWords(error: unknown): string {
  if (error instanceof EventQuerySyntaxError)
    return `The query could not be read: ${error.message}`;
  if (pgErrorCode(error) === '57014')
    return `The event search took longer than ${REVIEW_QUERY_TIMEOUT_MS / 1000} seconds and was stopped; make the query more specific.`;
  // The driver's own words ("column … does not exist"), not the wrapper's copy of the SQL.
  return `The event search failed: ${rootMessage(error)}`.slice(0, 2000);
}

async function runQuery(tx: Tx, text: string, window: TimeRange): Promise<Outcome> {
  try {
    return {
      summary: await summarizeEventsInSavepoint(tx, parseEventQuery(text), window, {
        timeoutMs: REVIEW_QUERY_TIMEOUT_MS,
        sampleLimit: 0,
      }),
    };
  } catch (error) {
    // An outage is not the query's fault: let the generator retry the period later.
    if (isDatabaseUnavailable(error)) throw error;
    const words = errorWords(error);
    log('warn', 'review evidence query failed; recorded on the task', { error: words });
    return { error: words };
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
