import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { eventTriggers } from '@/db/schema';
import { isDatabaseUnavailable, rootMessage } from '@/lib/db-errors';
import { evaluateNextWindow, recordWindowFailure, type WindowResult } from './evaluate-window';
import { WINDOWS_PER_RUN } from './windows';

// What the every-minute job does (jobs/run-triggers.ts): evaluate the windows that have
// closed and settled, oldest first across all triggers, one window per trigger per pass, so
// after an outage every trigger catches up at the same pace and a 1-minute trigger with a
// day to catch up cannot starve the others. A run stops after WINDOWS_PER_RUN windows (or
// its time budget); the next run, a minute later, continues where it stopped.

export type RunDueResult = {
  evaluated: number;
  quiet: number;
  opened: number;
  added: number;
  failed: number;
  /** True when the run stopped at its budget with windows still due. */
  more: boolean;
};

const PASS_SIZE = 200;

/** Active triggers with a settled window, most overdue first. */
export async function dueTriggerIds(
  db: Db,
  now: Date,
  limit: number,
  excluded: string[] = [],
): Promise<string[]> {
  const rows = await db
    .select({ id: eventTriggers.id })
    .from(eventTriggers)
    .where(
      and(
        eq(eventTriggers.active, true),
        lte(eventTriggers.nextRunAt, now),
        excluded.length ? notInArray(eventTriggers.id, excluded) : undefined,
      ),
    )
    .orderBy(asc(eventTriggers.nextRunAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function runDueTriggers(
  db: Db,
  options: {
    now: Date;
    log?: (message: string, extra?: Record<string, unknown>) => void;
    windowLimit?: number;
    /** Real milliseconds the run may take; it stops between windows after that. */
    timeBudgetMs?: number;
  },
): Promise<RunDueResult> {
  const limit = options.windowLimit ?? WINDOWS_PER_RUN;
  const deadline = Date.now() + (options.timeBudgetMs ?? 50_000);
  const log = options.log ?? (() => {});
  const result: RunDueResult = {
    evaluated: 0,
    quiet: 0,
    opened: 0,
    added: 0,
    failed: 0,
    more: false,
  };
  // Triggers that failed outside their query this run, or that another worker holds.
  const excluded: string[] = [];
  const count = (window: WindowResult) => {
    result.evaluated += 1;
    result[window.outcome] += 1;
  };

  for (;;) {
    const budget = limit - result.evaluated;
    if (budget <= 0 || Date.now() >= deadline) {
      result.more = (await dueTriggerIds(db, options.now, 1, excluded)).length > 0;
      return result;
    }
    const ids = await dueTriggerIds(db, options.now, Math.min(PASS_SIZE, budget), excluded);
    if (!ids.length) return result;
    for (const id of ids) {
      if (result.evaluated >= limit || Date.now() >= deadline) break;
      try {
        const window = await evaluateWithOneRetry(db, id, options.now, log);
        if (window) count(window);
        else excluded.push(id);
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        // Failed twice outside its query (the evaluation rolled back both times): recorded as
        // failed, so the trigger moves on and administrators hear of it, instead of retrying
        // one window forever while the windows after it wait.
        const reason = `Vigil could not act on the matches: ${rootMessage(error)}`;
        log('trigger window failed', { triggerId: id, error: rootMessage(error) });
        const window = await recordWindowFailure(db, id, reason, { now: options.now });
        if (window) count(window);
        excluded.push(id);
      }
    }
  }
}

/** A deadlock or a serialization failure deserves a second try before a window is given up. */
async function evaluateWithOneRetry(
  db: Db,
  triggerId: string,
  now: Date,
  log: (message: string, extra?: Record<string, unknown>) => void,
): Promise<WindowResult | null> {
  try {
    return await evaluateNextWindow(db, triggerId, { now });
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    log('trigger window failed; trying once more', { triggerId, error: rootMessage(error) });
    return evaluateNextWindow(db, triggerId, { now });
  }
}
