import type { TaskSchedule } from '@/db/schema';
import { countOccurrences } from '@/lib/schedules/expected-count';
import { periodKeyFor } from '@/lib/schedules/period-key';
import { occurrencesBetween } from '@/lib/schedules/recurrence';
import { PERIOD_STATUSES, taskOutcome, type PeriodStatus } from '@/lib/schedules/task-outcome';
import type { StatusCounts } from './types';

// How the report accounts for a schedule's planned occurrences in a range: each ledger row
// (schedule_periods: a task or a recorded miss) is one, and so is every occurrence the
// current rule owes whose time has passed but that has no row yet — after the generation
// cursor (accounted_through), the worker simply has not got to it; before it, the ledger
// lacks a row the reconcile will repair. Either way the examiner sees it, as "pending".

export type LedgerEntry = {
  periodKey: string;
  occurrenceAt: Date;
  outcome: 'task' | 'missed';
  task: { state: string; dueAt: Date | null; closedAt: Date | null } | null;
};

export const REPORT_STATUSES: (PeriodStatus | 'pending')[] = [...PERIOD_STATUSES, 'pending'];

export const REPORT_STATUS_LABELS: Record<PeriodStatus | 'pending', string> = {
  'on-time': 'Completed on time',
  late: 'Completed late',
  open: 'Open',
  overdue: 'Open and overdue',
  invalid: 'Invalid',
  missed: 'Missed',
  pending: 'Not recorded yet',
};

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** What an examiner asks about first: everything but on time and still open before its due date. */
export function isException(status: PeriodStatus | 'pending'): boolean {
  return status !== 'on-time' && status !== 'open';
}

export function ledgerStatus(entry: LedgerEntry, now: Date): PeriodStatus {
  return entry.outcome === 'missed' || !entry.task ? 'missed' : taskOutcome(entry.task, now);
}

type Schedule = Pick<
  TaskSchedule,
  | 'active'
  | 'rrule'
  | 'pattern'
  | 'timeOfDay'
  | 'timeZone'
  | 'startDate'
  | 'endDate'
  | 'ruleEffectiveAt'
  | 'accountedThrough'
>;

/**
 * The occurrences in [start, end) the current rule owes by `now` that the ledger has no row
 * for. A paused schedule owes nothing; occurrences before the rule took effect belong to an
 * earlier rule, whose rows the ledger already holds.
 */
export function pendingOccurrences(
  schedule: Schedule,
  ledger: Pick<LedgerEntry, 'periodKey' | 'occurrenceAt'>[],
  window: { start: Date; end: Date; now: Date },
): Date[] {
  if (!schedule.active) return [];
  const after = new Date(Math.max(schedule.ruleEffectiveAt.getTime(), window.start.getTime() - 1));
  const through = new Date(Math.min(window.end.getTime() - 1, window.now.getTime()));
  if (through <= after) return [];
  const recorded = new Set(ledger.map((row) => row.periodKey));
  const key = (at: Date) =>
    periodKeyFor(at, schedule.pattern, schedule.timeZone, schedule.timeOfDay);
  const owed: Date[] = [];
  // Up to the cursor the ledger should be whole: enumerate the rule only when the cheap
  // count says a row is missing.
  const cursor = new Date(Math.min(schedule.accountedThrough.getTime(), through.getTime()));
  if (cursor > after) {
    const rows = ledger.filter((r) => r.occurrenceAt > after && r.occurrenceAt <= cursor).length;
    if (countOccurrences(schedule, after, cursor) !== rows)
      owed.push(...occurrencesBetween(schedule.rrule, after, cursor));
  }
  const from = cursor > after ? cursor : after;
  if (through > from) owed.push(...occurrencesBetween(schedule.rrule, from, through));
  return owed.filter((at) => !recorded.has(key(at)));
}
