import { TZDate } from '@date-fns/tz';
import type { RecurrencePattern } from './recurrence';

// What an occurrence stands for, as the user thinks of it: this day, this week, March 2026,
// Q1 2026. It is the identity of a schedule's review (unique per schedule in tasks and
// schedule_periods), so moving the time or the day of a rule within a period never makes a
// second review for it. The key depends on the pattern's kind only, never on its time or
// day, and on the local calendar date in the schedule's zone.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "day:2026-03-08", "week:2026-03-02" (its Monday), "month:2026-03", "quarter:2026-Q1", "half:2026-H1", "year:2026". */
export function periodKeyFor(occurrence: Date, pattern: RecurrencePattern, timeZone: string): string {
  const local = new TZDate(occurrence.getTime(), timeZone);
  const year = local.getFullYear();
  const month = local.getMonth() + 1;
  const date = `${year}-${pad(month)}-${pad(local.getDate())}`;
  switch (pattern.kind) {
    case 'daily':
      return `day:${date}`;
    case 'weekly': {
      // Several weekdays: each day is its own review. One weekday (every N weeks): the week.
      if (pattern.weekdays.length > 1) return `day:${date}`;
      const monday = new Date(Date.UTC(year, month - 1, local.getDate() - ((local.getDay() + 6) % 7)));
      return `week:${monday.toISOString().slice(0, 10)}`;
    }
    case 'quarterly':
      return `quarter:${year}-Q${Math.ceil(month / 3)}`;
    case 'semiannual':
      return `half:${year}-H${month <= 6 ? 1 : 2}`;
    case 'yearly':
      return `year:${year}`;
    case 'monthly-day':
    case 'monthly-last-day':
    case 'monthly-weekday':
      return `month:${year}-${pad(month)}`;
  }
}
