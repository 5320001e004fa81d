import { TZDate } from '@date-fns/tz';
import { RRuleTemporal } from 'rrule-temporal';
import { z } from 'zod';
import { isValidTimeZone } from '@/lib/time/time-zones';
import {
  instantAtWallClock,
  offsetChangeWithinDayBefore,
  wallClockAt,
} from '@/lib/time/wall-clock';

// A schedule's recurrence as the form edits it, turned into an RFC 5545 RRULE (with
// DTSTART;TZID) that rrule-temporal evaluates on the schedule zone's wall clock: a 09:00 New
// York schedule fires at 09:00 New York time on both sides of a daylight-saving change, and
// on the day 02:30 does not exist there, at 03:30.

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<WeekdayCode, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
export const ORDINALS = [1, 2, 3, 4, -1] as const;
const ORDINAL_NAMES: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const RECURRENCE_KINDS = [
  'daily',
  'weekly',
  'monthly-day',
  'monthly-last-day',
  'monthly-weekday',
  'quarterly',
  'semiannual',
  'yearly',
] as const;
export type RecurrenceKind = (typeof RECURRENCE_KINDS)[number];
export const RECURRENCE_KIND_LABELS: Record<RecurrenceKind, string> = {
  daily: 'Every day',
  weekly: 'Every week or every N weeks, on chosen weekdays',
  'monthly-day': 'Every month or every N months on a day of the month',
  'monthly-last-day': 'Every month on its last day',
  'monthly-weekday': 'Every month on the first…last given weekday',
  quarterly: 'Every quarter (3 months) on a day of the month',
  semiannual: 'Every six months on a day of the month',
  yearly: 'Every year on a date',
};

const dayOfMonth = z.coerce
  .number({ error: 'Choose a day of the month.' })
  .int()
  .min(1, 'Choose a day from 1 to 31.')
  .max(31, 'Choose a day from 1 to 31.');

/** The pattern alone, without time, zone or dates. */
export const patternSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('daily') }),
    z.object({
      kind: z.literal('weekly'),
      interval: z.coerce
        .number()
        .int()
        .min(1, 'Every 1 to 52 weeks.')
        .max(52, 'Every 1 to 52 weeks.')
        .default(1),
      weekdays: z
        .array(z.enum(WEEKDAYS, { error: 'Choose weekdays from the list.' }))
        .min(1, 'Choose at least one weekday.')
        .transform((days) => WEEKDAYS.filter((d) => days.includes(d))),
    }),
    z.object({
      kind: z.literal('monthly-day'),
      day: dayOfMonth,
      // Every N months (a policy reviewed every 18 months); absent means every month.
      interval: z.coerce
        .number()
        .int()
        .min(1, 'Every 1 to 60 months.')
        .max(60, 'Every 1 to 60 months.')
        .optional(),
    }),
    z.object({ kind: z.literal('monthly-last-day') }),
    z.object({
      kind: z.literal('monthly-weekday'),
      ordinal: z.coerce
        .number()
        .refine(
          (n) => (ORDINALS as readonly number[]).includes(n),
          'Choose first, second, third, fourth or last.',
        ),
      weekday: z.enum(WEEKDAYS, { error: 'Choose a weekday.' }),
    }),
    z.object({ kind: z.literal('quarterly'), day: dayOfMonth }),
    z.object({ kind: z.literal('semiannual'), day: dayOfMonth }),
    z
      .object({
        kind: z.literal('yearly'),
        month: z.coerce
          .number({ error: 'Choose a month.' })
          .int()
          .min(1, 'Choose a month.')
          .max(12, 'Choose a month.'),
        day: dayOfMonth,
      })
      .refine((v) => v.day <= DAYS_IN_MONTH[v.month - 1], {
        path: ['day'],
        message: 'That month does not have that day.',
      }),
  ],
  { error: 'Choose how often it repeats.' },
);
export type RecurrencePattern = z.output<typeof patternSchema>;

const isoDate = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
        new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      message,
    );

/** Everything that decides when a schedule's occurrences fall (flat, so forms and the API name the same fields). */
export const recurrenceShape = {
  pattern: patternSchema,
  timeOfDay: z
    .string({ error: 'Give a time like 08:00.' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time like 08:00.'),
  timeZone: z
    .string({ error: 'Choose a time zone.' })
    .refine(
      isValidTimeZone,
      'That is not a time zone we know (use an IANA name like America/Chicago).',
    ),
  startDate: isoDate('Give a start date like 2026-03-01.'),
  endDate: z
    .union([isoDate('Give an end date like 2027-03-01, or leave it empty.'), z.null()])
    .default(null),
};

export const endNotBeforeStart: [
  (v: { startDate: string; endDate: string | null }) => boolean,
  { path: string[]; message: string },
] = [
  (v) => !v.endDate || v.endDate >= v.startDate,
  { path: ['endDate'], message: 'The end date must not be before the start date.' },
];

/**
 * A rule that can never occur is refused at save: with the patterns the form offers, that is
 * an end date before the first occurrence (a yearly 30 February is refused by the pattern).
 */
export function occursAtLeastOnce(
  recurrence: z.output<z.ZodObject<typeof recurrenceShape>>,
  ctx: z.RefinementCtx,
): void {
  const { startDate, endDate, timeZone, timeOfDay } = recurrence;
  if (!endDate || endDate < startDate || !isValidTimeZone(timeZone)) return;
  const [y, m, d] = startDate.split('-').map(Number);
  const first = nextOccurrence(
    toRruleString({ ...recurrence, endDate: null }),
    new Date(Date.UTC(y, m - 1, d - 2)),
    true,
  );
  if (!first) return;
  const { year, month, day } = occurrenceParts(first, timeZone, timeOfDay);
  const firstDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (firstDate <= endDate) return;
  ctx.addIssue({
    code: 'custom',
    path: ['endDate'],
    message: `This schedule would never create a task: its first occurrence, ${day} ${MONTH_NAMES[month - 1]} ${year}, is after its end date.`,
  });
}

export const recurrenceSchema = z
  .object(recurrenceShape)
  .refine(...endNotBeforeStart)
  .superRefine(occursAtLeastOnce);
export type Recurrence = z.output<typeof recurrenceSchema>;
export type RecurrenceInput = z.input<typeof recurrenceSchema>;

function monthDayParts(day: number): string {
  // Day 29–31 falls back to the month's last day: of {day, last day}, the first that exists.
  return day >= 29 ? `BYMONTHDAY=${day},-1;BYSETPOS=1` : `BYMONTHDAY=${day}`;
}

function compact(date: string): string {
  return date.replaceAll('-', '');
}

/** The RRULE body (after "RRULE:") of a pattern. */
export function patternToRule(pattern: RecurrencePattern): string {
  switch (pattern.kind) {
    case 'daily':
      return 'FREQ=DAILY';
    case 'weekly':
      return `FREQ=WEEKLY;${pattern.interval > 1 ? `INTERVAL=${pattern.interval};` : ''}BYDAY=${pattern.weekdays.join(',')};WKST=MO`;
    case 'monthly-day':
      return `FREQ=MONTHLY;${(pattern.interval ?? 1) > 1 ? `INTERVAL=${pattern.interval};` : ''}${monthDayParts(pattern.day)}`;
    case 'monthly-last-day':
      return 'FREQ=MONTHLY;BYMONTHDAY=-1';
    case 'monthly-weekday':
      return `FREQ=MONTHLY;BYDAY=${pattern.ordinal}${pattern.weekday}`;
    case 'quarterly':
      return `FREQ=MONTHLY;INTERVAL=3;${monthDayParts(pattern.day)}`;
    case 'semiannual':
      return `FREQ=MONTHLY;INTERVAL=6;${monthDayParts(pattern.day)}`;
    case 'yearly':
      // Only 29 February needs a fallback (to the 28th in common years).
      return `FREQ=YEARLY;BYMONTH=${pattern.month};${pattern.month === 2 && pattern.day === 29 ? 'BYMONTHDAY=29,-1;BYSETPOS=1' : `BYMONTHDAY=${pattern.day}`}`;
  }
}

/** End of the end date in the schedule's zone (the second before the next local day begins), as the UTC instant RFC 5545 wants for UNTIL. */
function untilUtc(endDate: string, timeZone: string): string {
  const [y, m, d] = endDate.split('-').map(Number);
  return utcStamp(instantAtWallClock(timeZone, Date.UTC(y, m - 1, d + 1)) - 1000);
}

function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** "DTSTART;TZID=America/Chicago:20260301T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1" */
export function toRruleString(recurrence: Recurrence): string {
  const time = recurrence.timeOfDay.replace(':', '') + '00';
  const until = recurrence.endDate
    ? `;UNTIL=${untilUtc(recurrence.endDate, recurrence.timeZone)}`
    : '';
  return `DTSTART;TZID=${recurrence.timeZone}:${compact(recurrence.startDate)}T${time}\nRRULE:${patternToRule(recurrence.pattern)}${until}`;
}

export function isRruleString(pattern: string): boolean {
  return /^DTSTART[;:]/.test(pattern) && pattern.includes('RRULE:');
}

// The stored RRULE is evaluated on the zone's wall clock: the same rule with DTSTART and
// UNTIL as floating times (written in UTC, where no day lacks an hour), each local
// occurrence then mapped to its instant in the real zone as RFC 5545 §3.3.5 says. Evaluated
// in the zone itself, rrule-temporal skips a local time that does not exist, and a schedule
// loses that day's (or that month's) review.
// A plain daily rule (the form's "every day") is also kept as its first local occurrence and
// last local moment, so a window of it is counted out directly: rrule-temporal takes about
// 5 ms to list a year of days, and reconciling 10,000 schedules lists a year of each.
type FloatingRule = {
  rule: RRuleTemporal;
  timeZone: string;
  daily: { first: number; until: number } | null;
};

const DAY_MS = 86_400_000;

function stampToMs(stamp: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/
    .exec(stamp)!
    .map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function toFloatingRule(rrule: string): FloatingRule {
  const start = /^DTSTART(?:;TZID=([^:\n]+))?:(\d{8}T\d{6})Z?\s*$/m.exec(rrule);
  const body = /^RRULE:(.+?)\s*$/m.exec(rrule);
  if (!start || !body)
    throw new RangeError(
      `Not a recurrence Vigil writes (DTSTART;TZID=…:YYYYMMDDTHHMMSS and RRULE:…): ${rrule}`,
    );
  const timeZone = start[1] ?? 'UTC';
  if (!isValidTimeZone(timeZone))
    throw new RangeError(`Unknown time zone in recurrence: ${timeZone}`);
  // Vigil's UNTIL is the end of a local date (untilUtc): on the wall clock, that date's 23:59:59.
  const rule = body[1].replace(/UNTIL=(\d{8}T\d{6})Z?/, (_, stamp: string) => {
    const endDate = utcStamp(wallClockAt(timeZone, stampToMs(stamp))).slice(0, 8);
    return `UNTIL=${endDate}T235959Z`;
  });
  const plainDaily = /^FREQ=DAILY(?:;UNTIL=(\d{8}T\d{6})Z)?$/.exec(rule);
  const daily = plainDaily
    ? { first: stampToMs(start[2]), until: plainDaily[1] ? stampToMs(plainDaily[1]) : Infinity }
    : null;
  return {
    rule: new RRuleTemporal({ rruleString: `DTSTART:${start[2]}Z\nRRULE:${rule}` }),
    timeZone,
    daily,
  };
}

// Parsing an RRULE costs tens of microseconds; the worker asks for the same rules again and
// again (every scheduler's next run), so parsed rules are kept, bounded.
const ruleCache = new Map<string, FloatingRule>();
const RULE_CACHE_SIZE = 20_000;

function parseRule(rrule: string): FloatingRule {
  let rule = ruleCache.get(rrule);
  if (!rule) {
    rule = toFloatingRule(rrule);
    if (ruleCache.size >= RULE_CACHE_SIZE) ruleCache.delete(ruleCache.keys().next().value!);
    ruleCache.set(rrule, rule);
  }
  return rule;
}

function resolve({ timeZone }: FloatingRule, local: { epochMilliseconds: number }): number {
  return instantAtWallClock(timeZone, local.epochMilliseconds);
}

// Where on the wall clock to look for occurrences after (or before) an instant. A local time
// in a gap that ended less than a day before the instant resolves to after it though its
// wall clock reads earlier (asked at 03:15 EDT, that day's 02:30 is still to come, at 03:30);
// a local time in a repeated hour that began less than a day before it resolves to its first
// instance, earlier than its wall clock reads. So the search starts that much earlier (or
// later), and keeps only what resolves to the right side of the instant.
function lookBackFor(timeZone: string, instant: number): number {
  return Math.max(0, offsetChangeWithinDayBefore(timeZone, instant));
}

function lookAheadFor(timeZone: string, instant: number): number {
  return Math.max(0, -offsetChangeWithinDayBefore(timeZone, instant));
}

/** The first occurrence strictly after `after` (or at it, with `inclusive`), or null when the rule has ended. */
export function nextOccurrence(rrule: string, after: Date, inclusive = false): Date | null {
  const floating = parseRule(rrule);
  const afterMs = after.getTime();
  const lookBack = lookBackFor(floating.timeZone, afterMs);
  // Without a look-back, a local time equal to `after`'s own reading resolves to `after` (or earlier): it is excluded unless inclusive.
  let local = floating.rule.next(
    new Date(wallClockAt(floating.timeZone, afterMs) - lookBack),
    inclusive || lookBack > 0,
  );
  while (local) {
    const at = resolve(floating, local);
    if (inclusive ? at >= afterMs : at > afterMs) return new Date(at);
    local = floating.rule.next(local, false);
  }
  return null;
}

/** The last occurrence at or before `atOrBefore`, or null when there is none yet. */
export function previousOccurrence(rrule: string, atOrBefore: Date): Date | null {
  const floating = parseRule(rrule);
  const limit = atOrBefore.getTime();
  let local = floating.rule.previous(
    new Date(wallClockAt(floating.timeZone, limit) + lookAheadFor(floating.timeZone, limit)),
    true,
  );
  while (local) {
    const at = resolve(floating, local);
    if (at <= limit) return new Date(at);
    local = floating.rule.previous(local, false);
  }
  return null;
}

export function nextOccurrences(rrule: string, after: Date, count: number): Date[] {
  const found: Date[] = [];
  let cursor = after;
  while (found.length < count) {
    const next = nextOccurrence(rrule, cursor);
    if (!next) break;
    found.push(next);
    cursor = next;
  }
  return found;
}

/** Local occurrences (floating milliseconds) in [from, to]. */
function localOccurrencesBetween({ rule, daily }: FloatingRule, from: Date, to: Date): number[] {
  if (!daily) return rule.between(from, to, true).map((local) => local.epochMilliseconds);
  const found: number[] = [];
  const last = Math.min(to.getTime(), daily.until);
  for (
    let local =
      daily.first + Math.max(0, Math.ceil((from.getTime() - daily.first) / DAY_MS)) * DAY_MS;
    local <= last;
    local += DAY_MS
  )
    found.push(local);
  return found;
}

/** Occurrences in (after, until], oldest first. */
export function occurrencesBetween(rrule: string, after: Date, until: Date): Date[] {
  const floating = parseRule(rrule);
  const from = new Date(
    wallClockAt(floating.timeZone, after.getTime()) -
      lookBackFor(floating.timeZone, after.getTime()),
  );
  const to = new Date(
    wallClockAt(floating.timeZone, until.getTime()) +
      lookAheadFor(floating.timeZone, until.getTime()),
  );
  const found = new Set<number>();
  for (const local of localOccurrencesBetween(floating, from, to)) {
    const at = instantAtWallClock(floating.timeZone, local);
    if (at > after.getTime() && at <= until.getTime()) found.add(at);
  }
  return [...found].sort((a, b) => a - b).map((at) => new Date(at));
}

/** Whether `at` is an occurrence of the rule (a scheduled job from before an edit may not be). */
export function isOccurrence(rrule: string, at: Date): boolean {
  const next = nextOccurrence(rrule, new Date(at.getTime() - 1));
  return next?.getTime() === at.getTime();
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function dayWords(day: number): string {
  return day >= 29 ? `day ${day} (or the month's last day)` : `day ${day}`;
}

function cycleMonths(startDate: string, step: number): string {
  const first = Number(startDate.slice(5, 7)) - 1;
  const months: string[] = [];
  for (let m = 0; m < 12; m += step) months.push(MONTH_NAMES[(first + m) % 12]);
  return listWords(months.sort((a, b) => MONTH_NAMES.indexOf(a) - MONTH_NAMES.indexOf(b)));
}

/** "Every month on day 1" */
export function patternInWords(pattern: RecurrencePattern, startDate: string): string {
  switch (pattern.kind) {
    case 'daily':
      return 'Every day';
    case 'weekly': {
      const days = listWords(pattern.weekdays.map((d) => WEEKDAY_NAMES[d]));
      return pattern.interval > 1
        ? `Every ${pattern.interval} weeks on ${days}`
        : `Every week on ${days}`;
    }
    case 'monthly-day':
      return (pattern.interval ?? 1) > 1
        ? `Every ${pattern.interval} months on ${dayWords(pattern.day)} (from ${MONTH_NAMES[Number(startDate.slice(5, 7)) - 1]} ${startDate.slice(0, 4)})`
        : `Every month on ${dayWords(pattern.day)}`;
    case 'monthly-last-day':
      return 'Every month on the last day';
    case 'monthly-weekday':
      return `Every month on the ${ORDINAL_NAMES[String(pattern.ordinal)]} ${WEEKDAY_NAMES[pattern.weekday]}`;
    case 'quarterly':
      return `Every quarter on ${dayWords(pattern.day)} (${cycleMonths(startDate, 3)})`;
    case 'semiannual':
      return `Every six months on ${dayWords(pattern.day)} (${cycleMonths(startDate, 6)})`;
    case 'yearly':
      return `Every year on ${MONTH_NAMES[pattern.month - 1]} ${pattern.day}${pattern.month === 2 && pattern.day === 29 ? ' (28 February in common years)' : ''}`;
  }
}

/** "Every month on day 1 at 08:00, America/Chicago" (and "until 2027-03-01" when it ends). */
export function recurrenceInWords(recurrence: Recurrence): string {
  const base = `${patternInWords(recurrence.pattern, recurrence.startDate)} at ${recurrence.timeOfDay}, ${recurrence.timeZone}`;
  return recurrence.endDate ? `${base}, until ${recurrence.endDate}` : base;
}

/** Local calendar fields of an instant in a zone. */
export function localParts(
  at: Date,
  timeZone: string,
): { year: number; month: number; day: number } {
  const local = new TZDate(at.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/**
 * The local date an occurrence stands for: the date its instant falls on, except where the
 * schedule's time did not exist and moved past midnight. America/Nuuk's clocks jump from
 * 23:00 to 00:00 on the last Saturday of March, so that day's 23:30 resolves to 00:30 on
 * Sunday and still stands for Saturday. Only the schedule's time of day tells the two apart
 * (a schedule at 00:30 really is on Sunday), hence `timeOfDay`.
 */
export function occurrenceParts(
  occurrence: Date,
  timeZone: string,
  timeOfDay?: string,
): { year: number; month: number; day: number } {
  const at = occurrence.getTime();
  const jump = offsetChangeWithinDayBefore(timeZone, at);
  if (timeOfDay && jump > 0) {
    // The reading the clock would have shown without the jump; when that is the schedule's time and resolves to this instant, it is what the occurrence stands for.
    const asked = new Date(wallClockAt(timeZone, at) - jump);
    if (
      asked.toISOString().slice(11, 16) === timeOfDay &&
      instantAtWallClock(timeZone, asked.getTime()) === at
    ) {
      return {
        year: asked.getUTCFullYear(),
        month: asked.getUTCMonth() + 1,
        day: asked.getUTCDate(),
      };
    }
  }
  return localParts(occurrence, timeZone);
}

/** Occurrence + N days, at the end of that day in the schedule's zone. */
export function dueAtFor(occurrence: Date, dueInDays: number, timeZone: string): Date {
  const { year, month, day } = localParts(occurrence, timeZone);
  return new Date(
    new TZDate(year, month - 1, day + dueInDays, 23, 59, 59, timeZone).getTime() + 999,
  );
}

/** The period an occurrence stands for, for task titles: "March 2027", "Q1 2027", "Week of 2 March 2027". */
export function periodLabel(
  occurrence: Date,
  pattern: RecurrencePattern,
  timeZone: string,
  timeOfDay?: string,
): string {
  const { year, month, day } = occurrenceParts(occurrence, timeZone, timeOfDay);
  switch (pattern.kind) {
    case 'daily':
      return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
    case 'weekly':
      return `week of ${day} ${MONTH_NAMES[month - 1]} ${year}`;
    case 'quarterly':
      return `Q${Math.ceil(month / 3)} ${year}`;
    case 'semiannual':
      return `${month <= 6 ? 'H1' : 'H2'} ${year}`;
    case 'yearly':
      return String(year);
    default:
      return `${MONTH_NAMES[month - 1]} ${year}`;
  }
}
