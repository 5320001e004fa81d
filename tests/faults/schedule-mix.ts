import type { OracleSchedule } from './oracle';
import type { Random } from './random';
import { addDays, isoDate, localDateOf } from './zone-time';

// The schedules the fault suite drives: the six kinds an examiner asks about, spread over six
// zones with times chosen inside each zone's daylight-saving gaps and overlaps, and weekly
// rules on the weekend days those changes fall on.

export type FaultSchedule = OracleSchedule & { name: string; kind: string };

export const FAULT_ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'America/Nuuk',
] as const;

// Times that do not exist or exist twice on a change day (see the unit test of the oracle).
const TRICKY_TIMES: Record<(typeof FAULT_ZONES)[number], string[]> = {
  // Gap 02:00–03:00 in March, overlap 01:00–02:00 in November.
  'America/New_York': ['02:30', '02:00', '01:30'],
  // Gap 02:00–03:00 in March, overlap 02:00–03:00 in October.
  'Europe/Berlin': ['02:30', '02:00'],
  // Gap 00:00–01:00 on a Sunday in September, overlap 23:00–24:00 on a Saturday in April.
  'America/Santiago': ['00:00', '00:30', '23:30'],
  // Half-hour changes: gap 02:00–02:30 in October, overlap 01:30–02:00 in April.
  'Australia/Lord_Howe': ['02:00', '02:15', '01:45'],
  // Gap 02:00–03:00 in September, overlap 02:00–03:00 in April.
  'Pacific/Auckland': ['02:30', '02:00'],
  // The change is at midnight: 23:00–24:00 on the last Saturday of March does not exist (a
  // 23:30 review happens at 00:30 the next day, and still stands for the Saturday), and
  // exists twice on the last Saturday of October.
  'America/Nuuk': ['23:30', '23:00'],
};
const ORDINARY_TIMES = ['08:00', '00:00', '23:59', '12:30'];

const KINDS = [
  'daily',
  'weekly',
  'every 2 weeks',
  'monthly on 31',
  'last Friday',
  'quarterly',
] as const;

// The longest a rule of each kind can wait from its start date to its first occurrence: an
// end date sooner than that names a schedule that never creates a task, which Vigil refuses.
const LONGEST_WAIT_DAYS: Record<(typeof KINDS)[number], number> = {
  daily: 1,
  weekly: 7,
  'every 2 weeks': 14,
  'monthly on 31': 62,
  'last Friday': 35,
  quarterly: 92,
};

/** `count` schedules; their rules start up to two months before `from` or early in (from, until]. */
export function scheduleMix(
  count: number,
  random: Random,
  from: Date,
  until: Date,
): FaultSchedule[] {
  const schedules: FaultSchedule[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    // Every kind meets every zone within the first 36.
    const timeZone = FAULT_ZONES[(Math.floor(i / KINDS.length) + i) % FAULT_ZONES.length];
    const timeOfDay =
      random.next() < 0.75 ? random.pick(TRICKY_TIMES[timeZone]) : random.pick(ORDINARY_TIMES);
    const first = localDateOf(from, timeZone);
    const spanDays = Math.max(1, Math.round((until.getTime() - from.getTime()) / 86_400_000));
    // Most started before the window; one in ten starts inside it, one in ten ends inside it.
    const startDay =
      random.next() < 0.1
        ? addDays(first, random.int(1, Math.ceil(spanDays / 3)))
        : addDays(first, -random.int(1, 60));
    const startDate = isoDate(startDay);
    const endDate =
      random.next() < 0.1
        ? laterOf(
            isoDate(addDays(first, random.int(Math.ceil(spanDays / 2), spanDays))),
            isoDate(addDays(startDay, LONGEST_WAIT_DAYS[kind])),
          )
        : null;
    const weekday = random.pick(['SU', 'SU', 'SA', 'SA', 'MO', 'FR'] as const);
    const pattern: OracleSchedule['pattern'] = (() => {
      switch (kind) {
        case 'daily':
          return { kind: 'daily' };
        case 'weekly':
          return { kind: 'weekly', interval: 1, weekdays: [weekday] };
        case 'every 2 weeks':
          return { kind: 'weekly', interval: 2, weekdays: [weekday] };
        case 'monthly on 31':
          return { kind: 'monthly-day', day: 31 };
        case 'last Friday':
          return { kind: 'monthly-weekday', ordinal: -1, weekday: 'FR' };
        case 'quarterly':
          return { kind: 'quarterly', day: random.pick([1, 15, 30, 31]) };
      }
    })();
    schedules.push({
      name: `Fault ${String(i + 1).padStart(3, '0')} ${kind} ${timeOfDay} ${timeZone}`,
      kind,
      pattern,
      timeOfDay,
      timeZone,
      startDate,
      endDate,
    });
  }
  return schedules;
}

/** The later of two ISO dates (they compare as text). */
function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
