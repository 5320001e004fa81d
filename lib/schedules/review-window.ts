import { TZDate } from '@date-fns/tz';
import { subDays, subMonths } from 'date-fns';
import type { TaskSchedule } from '@/db/schema';
import type { TimeRange } from '@/lib/events/types';
import { previousOccurrence } from './recurrence';

// The events a generated review looks at: those since the schedule's previous occurrence,
// up to (not including) this one. A late task still reviews its own period, never "up to now".

type WindowRule = Pick<TaskSchedule, 'rrule' | 'pattern' | 'timeZone'>;

const MONTHS_BACK = {
  'monthly-day': 1,
  'monthly-last-day': 1,
  'monthly-weekday': 1,
  quarterly: 3,
  semiannual: 6,
  yearly: 12,
} as const;

/**
 * The first occurrence has no previous one: it reviews one period back, on the schedule
 * zone's wall clock (a month before 1 March 08:00 is 1 February 08:00, whatever the offsets).
 */
export function onePeriodBefore(rule: Pick<WindowRule, 'pattern' | 'timeZone'>, at: Date): Date {
  const local = new TZDate(at.getTime(), rule.timeZone);
  const { pattern } = rule;
  switch (pattern.kind) {
    case 'daily':
      return new Date(subDays(local, 1).getTime());
    case 'weekly':
      return new Date(subDays(local, 7 * pattern.interval).getTime());
    default:
      return new Date(subMonths(local, MONTHS_BACK[pattern.kind]).getTime());
  }
}

/** [previous occurrence, this occurrence) in the rule as it stands. */
export function reviewWindow(rule: WindowRule, occurrence: Date): TimeRange {
  const previous = previousOccurrence(rule.rrule, new Date(occurrence.getTime() - 1));
  return { from: previous ?? onePeriodBefore(rule, occurrence), to: occurrence };
}
