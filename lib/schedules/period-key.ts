import { occurrenceParts, type RecurrencePattern } from './recurrence';

// What an occurrence stands for, as the user thinks of it: this day, this week, March 2026,
// Q1 2026. It is the identity of a schedule's review (unique per schedule in tasks and
// schedule_periods), so moving the time or the day of a rule within a period never makes a
// second review for it. The key depends on the pattern's kind only, never on its time or
// day, and on the local calendar date in the schedule's zone: a 02:30 moved to 03:30 by a
// spring-forward gap still belongs to its date, and given the schedule's time of day, so
// does one the gap pushed past midnight (see occurrenceParts).

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "day:2026-03-08", "week:2026-03-02" (its Monday), "month:2026-03", "quarter:2026-Q1", "half:2026-H1", "year:2026". */
export function periodKeyFor(
  occurrence: Date,
  pattern: RecurrencePattern,
  timeZone: string,
  timeOfDay?: string,
): string {
  const { year, month, day } = occurrenceParts(occurrence, timeZone, timeOfDay);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  switch (pattern.kind) {
    case 'daily':
      return `day:${date}`;
    case 'weekly': {
      // Several weekdays: each day is its own review. One weekday (every N weeks): the week.
      if (pattern.weekdays.length > 1) return `day:${date}`;
      const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
      const monday = new Date(Date.UTC(year, month - 1, day - ((weekday + 6) % 7)));
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
