import { instantsShowing, wallClockAt } from '@/lib/time/wall-clock';
import {
  MONTH_NAMES,
  occurrenceParts,
  occurrencesBetween,
  toRruleString,
  type Recurrence,
} from './recurrence';

// The schedule form's word on daylight-saving changes: on a day the schedule runs and its
// time does not exist (clocks go forward) or happens twice (clocks go back), say what Vigil
// does, so nobody has to know RFC 5545 to trust the task's time.

const LOOK_AHEAD_MS = 366 * 86_400_000;

function clock(wallClock: number): string {
  return new Date(wallClock).toISOString().slice(11, 16);
}

function dateWords(
  { day, month, year }: { year: number; month: number; day: number },
  withYear = true,
): string {
  return `${day} ${MONTH_NAMES[month - 1]}${withYear ? ` ${year}` : ''}`;
}

/** One sentence per occurrence in the year after `from` whose time a daylight-saving change moves or repeats. */
export function dstNotes(recurrence: Recurrence, from: Date): string[] {
  const { timeZone, timeOfDay } = recurrence;
  const notes: string[] = [];
  for (const at of occurrencesBetween(
    toRruleString(recurrence),
    from,
    new Date(from.getTime() + LOOK_AHEAD_MS),
  )) {
    const wall = wallClockAt(timeZone, at.getTime());
    const date = occurrenceParts(at, timeZone, timeOfDay);
    if (clock(wall) !== timeOfDay) {
      const resolved = new Date(wall);
      const sameDay = resolved.getUTCDate() === date.day;
      const where = sameDay
        ? ''
        : ` on ${dateWords({ year: resolved.getUTCFullYear(), month: resolved.getUTCMonth() + 1, day: resolved.getUTCDate() }, false)}`;
      notes.push(
        `${timeOfDay} does not exist in ${timeZone} on ${dateWords(date)} (clocks go forward); that day’s task is created at ${clock(wall)}${where}.`,
      );
    } else if (instantsShowing(timeZone, wall).length > 1) {
      notes.push(
        `${timeOfDay} happens twice in ${timeZone} on ${dateWords(date)} (clocks go back); the task is created at the first.`,
      );
    }
  }
  return notes;
}
