import { and, eq, lte } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import {
  eventTriggerRuns,
  eventTriggers,
  type EventTrigger,
  type EventTriggerRun,
} from '@/db/schema';
import { pgErrorCode } from '@/db/errors';
import { recordActivity } from '@/lib/activity/record-activity';
import { isDatabaseUnavailable, rootMessage } from '@/lib/db-errors';
import { parseEventQuery } from '@/lib/events/query/parse';
import { eventsSearchUrl } from '@/lib/events/search-url';
import { summarizeEventsInSavepoint } from '@/lib/events/summarize-in-savepoint';
import type { MatchSummary, TimeRange } from '@/lib/events/types';
import { copyEventsToIncident } from '@/lib/incidents/copy-events';
import { createIncident } from '@/lib/incidents/create-incident';
import { formatDateTime, formatTime } from '@/lib/time/format';
import { queueTriggerFailedNotice } from './failure-notice';
import { triggerIncidentOwner } from './incident-owner';
import { TRIGGER_ACTOR } from './trigger-actor';
import { isSettled, nextRunAt, windowFrom } from './windows';

// One window of one trigger, in one transaction under the trigger's row lock: count the
// query's matches, open or add to the incident, write the window's ledger row and move the
// cursor, all or nothing. A crash before commit leaves the window unevaluated (the next run
// evaluates it); after commit the cursor has moved past it. The ledger's primary key
// (trigger_id, window_from) is the last guard: a second evaluation of a window could not
// commit, and its incident would roll back with it.

/**
 * How long one window's search may hold the trigger's lock; it runs on this transaction's
 * connection (summarizeEventsInSavepoint), as a generated review's evidence does.
 */
export const MATCH_TIMEOUT_MS = 30_000;

/** Matched events copied into the incident per window; the rest are a search away. */
export const EVIDENCE_SAMPLE_LIMIT = 100;

export type WindowResult = Pick<
  EventTriggerRun,
  'triggerId' | 'windowFrom' | 'windowTo' | 'outcome' | 'matchCount' | 'incidentId' | 'reason'
> & { copied: number; noticeQueued: boolean };

type Match = { ok: true; summary: MatchSummary } | { ok: false; reason: string };

/**
 * Evaluates the trigger's oldest unevaluated window when it has settled. Null when there is
 * nothing to do here: another worker holds the trigger, it is paused, or no window is due.
 */
export async function evaluateNextWindow(
  db: Db,
  triggerId: string,
  options: { now: Date },
): Promise<WindowResult | null> {
  return inNextWindow(
    db,
    triggerId,
    options.now,
    async (tx, trigger, window) => {
      const match = await matchWindow(tx, trigger.query, window);
      return match.ok
        ? actOnMatches(tx, trigger, window, match.summary)
        : failedWindow(tx, trigger, window, match.reason);
    },
    (tx, trigger) => moveCursor(tx, trigger, trigger.accountedThrough),
  );
}

/**
 * Records the window as failed when acting on it failed for a reason other than its query
 * (the evaluation rolled back): the trigger moves on instead of retrying one window forever,
 * the failure is on its page and administrators are told. Null when the window is no longer
 * the trigger's next (someone else evaluated it, or it was paused).
 */
export async function recordWindowFailure(
  db: Db,
  triggerId: string,
  reason: string,
  options: { now: Date },
): Promise<WindowResult | null> {
  return inNextWindow(db, triggerId, options.now, (tx, trigger, window) =>
    failedWindow(tx, trigger, window, reason),
  );
}

/**
 * Locks the trigger when it is active and due (skipping it when another worker holds it) and,
 * when its oldest unevaluated window has settled, decides that window with `decide` and
 * records the result (ledger row and cursor), in one transaction. Null when there is nothing
 * to do; `whenUnsettled` runs when the window has not settled yet.
 */
async function inNextWindow(
  db: Db,
  triggerId: string,
  now: Date,
  decide: (tx: Tx, trigger: EventTrigger, window: TimeRange) => Promise<WindowResult>,
  whenUnsettled?: (tx: Tx, trigger: EventTrigger) => Promise<void>,
): Promise<WindowResult | null> {
  return db.transaction(async (tx) => {
    const [trigger] = await tx
      .select()
      .from(eventTriggers)
      .where(
        and(
          eq(eventTriggers.id, triggerId),
          eq(eventTriggers.active, true),
          lte(eventTriggers.nextRunAt, now),
        ),
      )
      .for('update', { skipLocked: true });
    if (!trigger) return null;
    const window = windowFrom(trigger.accountedThrough, trigger.intervalMinutes);
    if (!isSettled(window, now)) {
      await whenUnsettled?.(tx, trigger);
      return null;
    }
    const result = await decide(tx, trigger, window);
    await finishWindow(tx, trigger, result);
    return result;
  });
}

async function matchWindow(tx: Tx, query: string, window: TimeRange): Promise<Match> {
  let parsed;
  try {
    parsed = parseEventQuery(query);
  } catch (error) {
    // The parser's message says where ("… at character 18.").
    return { ok: false, reason: `The query is not valid: ${rootMessage(error)}` };
  }
  try {
    return {
      ok: true,
      summary: await summarizeEventsInSavepoint(tx, parsed, window, {
        timeoutMs: MATCH_TIMEOUT_MS,
        sampleLimit: EVIDENCE_SAMPLE_LIMIT,
      }),
    };
  } catch (error) {
    // An outage only delays: the window stays unevaluated and the next run takes it.
    if (isDatabaseUnavailable(error)) throw error;
    if (pgErrorCode(error) === '57014')
      return {
        ok: false,
        reason: `The query took longer than ${MATCH_TIMEOUT_MS / 1000} seconds over the window and was stopped; make it more specific.`,
      };
    return { ok: false, reason: `The query could not run: ${rootMessage(error)}` };
  }
}

function windowInWords(window: TimeRange): string {
  return `${formatDateTime(window.from, 'UTC')} – ${formatTime(window.to, 'UTC')}`;
}

async function actOnMatches(
  tx: Tx,
  trigger: EventTrigger,
  window: TimeRange,
  summary: MatchSummary,
): Promise<WindowResult> {
  const base = {
    triggerId: trigger.id,
    windowFrom: window.from,
    windowTo: window.to,
    matchCount: summary.count,
    noticeQueued: false,
  };
  if (summary.count < trigger.threshold) {
    const reason = summary.count
      ? `${summary.count} matched, below the threshold of ${trigger.threshold}`
      : '';
    return { ...base, outcome: 'quiet', incidentId: null, reason, copied: 0 };
  }

  const search = { query: trigger.query, from: window.from, to: window.to };
  const owner = await triggerIncidentOwner(tx, trigger);
  const matched = `${summary.count} event${summary.count === 1 ? '' : 's'} matched`;
  const { incident, deduplicated } = await createIncident(tx, TRIGGER_ACTOR, {
    title: `${trigger.name.slice(0, 160)}: ${matched}`,
    severity: trigger.severity,
    owner: owner.owner,
    source: 'alert',
    dedupeKey: `trigger:${trigger.id}`,
    description: [
      `The trigger "${trigger.name}" counted ${matched} in ${windowInWords(window)} (threshold ${trigger.threshold}).`,
      `Query: ${trigger.query}`,
      summary.count > summary.sample.length
        ? `The newest ${summary.sample.length} are copied here as evidence; all of them are on the Events page: ${eventsSearchUrl(search)}`
        : `They are copied here as evidence; the same search: ${eventsSearchUrl(search)}`,
      owner.note ? `Owner: ${owner.note}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  });
  const copied = await copyEventsToIncident(tx, incident.id, summary.sample, {
    triggerId: trigger.id,
    search,
  });
  await recordActivity(tx, TRIGGER_ACTOR, {
    action: 'incident.trigger-events-added',
    entityType: 'incident',
    entityId: incident.id,
    changes: {
      trigger: { old: null, new: trigger.name },
      window: { old: null, new: `${window.from.toISOString()}/${window.to.toISOString()}` },
      matched: { old: null, new: summary.count },
      copied: { old: null, new: copied },
    },
  });
  const skipped = summary.sample.length - copied;
  const reason = [
    `${summary.count} matched; ${copied} copied as evidence`,
    summary.count > summary.sample.length
      ? `(the newest ${summary.sample.length}; the rest are on the Events page)`
      : '',
    skipped ? `(${skipped} already on the incident)` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    ...base,
    outcome: deduplicated ? 'added' : 'opened',
    incidentId: incident.id,
    reason,
    copied,
  };
}

async function failedWindow(
  tx: Tx,
  trigger: EventTrigger,
  window: TimeRange,
  reason: string,
): Promise<WindowResult> {
  const noticeQueued = await queueTriggerFailedNotice(tx, trigger, window, reason);
  return {
    triggerId: trigger.id,
    windowFrom: window.from,
    windowTo: window.to,
    outcome: 'failed',
    matchCount: null,
    incidentId: null,
    reason: reason.slice(0, 2000),
    copied: 0,
    noticeQueued,
  };
}

async function finishWindow(tx: Tx, trigger: EventTrigger, result: WindowResult): Promise<void> {
  await tx.insert(eventTriggerRuns).values({
    triggerId: result.triggerId,
    windowFrom: result.windowFrom,
    windowTo: result.windowTo,
    outcome: result.outcome,
    matchCount: result.matchCount,
    incidentId: result.incidentId,
    reason: result.reason,
  });
  await moveCursor(tx, trigger, result.windowTo);
}

/** The worker's own bookkeeping: no version bump, so it never refuses a person's edit. */
async function moveCursor(tx: Tx, trigger: EventTrigger, accountedThrough: Date): Promise<void> {
  await tx
    .update(eventTriggers)
    .set({ accountedThrough, nextRunAt: nextRunAt(accountedThrough, trigger.intervalMinutes) })
    .where(eq(eventTriggers.id, trigger.id));
}
