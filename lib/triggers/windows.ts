import type { TimeRange } from '@/lib/events/types';

// A trigger counts its query's matches over consecutive windows of its interval:
// [accountedThrough, accountedThrough + interval), then the next. A window is evaluated only
// once it has been closed for SETTLE_MS, so events that reach Vigil a little after they
// occurred (shippers batch and retry) are counted in the window they belong to.

/** A week: the longest window a trigger counts over (the table's check says the same). */
export const MAX_INTERVAL_MINUTES = 10_080;

/** How long after a window closes it is evaluated. */
export const SETTLE_MS = 60_000;

/** Windows evaluated in one run of the job, across all triggers (catch-up after an outage). */
export const WINDOWS_PER_RUN = 500;

/** Windows start on whole minutes, so a run reads "15:05–15:10", not "15:05:23–15:10:23". */
export function startOfMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

export function windowFrom(accountedThrough: Date, intervalMinutes: number): TimeRange {
  return {
    from: accountedThrough,
    to: new Date(accountedThrough.getTime() + intervalMinutes * 60_000),
  };
}

/** When the window starting at `accountedThrough` may be evaluated. */
export function nextRunAt(accountedThrough: Date, intervalMinutes: number): Date {
  return new Date(windowFrom(accountedThrough, intervalMinutes).to.getTime() + SETTLE_MS);
}

export function isSettled(window: TimeRange, now: Date): boolean {
  return window.to.getTime() + SETTLE_MS <= now.getTime();
}
