import type { RecurrencePattern } from '@/lib/schedules/recurrence';
import {
  addDays,
  compareDates,
  daysBetween,
  daysInMonth,
  isoDate,
  localDateOf,
  parseIsoDate,
  resolveLocalTime,
  weekdayIndex,
  type LocalDate,
} from './zone-time';

// The fault suite's oracle: the periods a schedule owes, computed the plain way, by walking
// the local calendar one date at a time and asking "does the rule fall on this date?". It
// shares no code with lib/schedules (rrule-temporal, period-key.ts): only the pattern's
// type. If the generator and this file agree, two independent readings of the rule agree.

export type OracleSchedule = {
  pattern: RecurrencePattern;
  /** "HH:MM" local time. */
  timeOfDay: string;
  timeZone: string;
  /** First local date the rule may fall on (the schedule's start date). */
  startDate: string;
  /** Last local date it may fall on, or null. */
  endDate: string | null;
};

export type ExpectedPeriod = { periodKey: string; occurrenceAt: Date };

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function monthIndex(date: LocalDate): number {
  return date.year * 12 + (date.month - 1);
}

/** Day 29–31 falls back to the month's last day; 1–28 exist in every month. */
function dayOrLast(day: number, date: LocalDate): number {
  return Math.min(day, daysInMonth(date.year, date.month));
}

/** Whether the rule has an occurrence on this local date. */
export function fallsOn(schedule: OracleSchedule, date: LocalDate): boolean {
  const { pattern } = schedule;
  const start = parseIsoDate(schedule.startDate);
  switch (pattern.kind) {
    case 'daily':
      return true;
    case 'weekly': {
      if (!pattern.weekdays.includes(WEEKDAY_CODES[weekdayIndex(date)])) return false;
      // Weeks run Monday to Sunday; the start date's week is week 0.
      const startMonday = addDays(start, -weekdayIndex(start));
      const weeks = Math.floor(daysBetween(startMonday, date) / 7);
      return weeks % pattern.interval === 0;
    }
    case 'monthly-day':
      return date.day === dayOrLast(pattern.day, date);
    case 'monthly-last-day':
      return date.day === daysInMonth(date.year, date.month);
    case 'monthly-weekday': {
      if (WEEKDAY_CODES[weekdayIndex(date)] !== pattern.weekday) return false;
      if (pattern.ordinal === -1) return date.day + 7 > daysInMonth(date.year, date.month);
      return Math.ceil(date.day / 7) === pattern.ordinal;
    }
    case 'quarterly':
    case 'semiannual': {
      const every = pattern.kind === 'quarterly' ? 3 : 6;
      return (
        (monthIndex(date) - monthIndex(start)) % every === 0 &&
        date.day === dayOrLast(pattern.day, date)
      );
    }
    case 'yearly':
      return date.month === pattern.month && date.day === dayOrLast(pattern.day, date);
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The period an occurrence on this local date stands for. */
export function periodOf(pattern: RecurrencePattern, date: LocalDate): string {
  switch (pattern.kind) {
    case 'daily':
      return `day:${isoDate(date)}`;
    case 'weekly':
      return pattern.weekdays.length > 1
        ? `day:${isoDate(date)}`
        : `week:${isoDate(addDays(date, -weekdayIndex(date)))}`;
    case 'monthly-day':
    case 'monthly-last-day':
    case 'monthly-weekday':
      return `month:${date.year}-${pad(date.month)}`;
    case 'quarterly':
      return `quarter:${date.year}-Q${Math.ceil(date.month / 3)}`;
    case 'semiannual':
      return `half:${date.year}-H${date.month <= 6 ? 1 : 2}`;
    case 'yearly':
      return `year:${date.year}`;
  }
}

/** Every period whose occurrence falls in (after, until], oldest first. */
export function expectedPeriods(
  schedule: OracleSchedule,
  after: Date,
  until: Date,
): ExpectedPeriod[] {
  const start = parseIsoDate(schedule.startDate);
  const end = schedule.endDate ? parseIsoDate(schedule.endDate) : undefined;
  // A day either side: the local date of an instant differs from its UTC date.
  let date = addDays(localDateOf(after, schedule.timeZone), -1);
  if (compareDates(date, start) < 0) date = start;
  const last = addDays(localDateOf(until, schedule.timeZone), 1);
  const periods: ExpectedPeriod[] = [];
  for (; compareDates(date, last) <= 0; date = addDays(date, 1)) {
    if (end && compareDates(date, end) > 0) break;
    if (!fallsOn(schedule, date)) continue;
    const occurrenceAt = resolveLocalTime(date, schedule.timeOfDay, schedule.timeZone);
    if (occurrenceAt <= after || occurrenceAt > until) continue;
    // The period is the date the rule fell on, even when a gap pushes the time past
    // midnight (America/Nuuk, 23:30 → 00:30 the next day).
    periods.push({ periodKey: periodOf(schedule.pattern, date), occurrenceAt });
  }
  return periods;
}
