import { tzOffset } from '@date-fns/tz';

// Wall-clock time in a zone, as a plain number: the milliseconds a UTC clock would show at
// that same reading ("floating" time). Recurrences are evaluated on this time, where every
// day has its 24 hours, and mapped to instants here. Reading a zone's offset through Intl
// costs microseconds; schedules ask for the same zones and days over and over, so each
// zone-day's offsets (and the instant of a change inside it) are found once and kept.

const DAY_MS = 86_400_000;

type ZoneDay = { before: number; after: number; changeAt: number };
const zoneDays = new Map<string, Map<number, ZoneDay>>();
// Bounded: a year of every zone Node knows is about 150,000 zone-days; past this, start over.
const ZONE_DAYS_KEPT = 250_000;
let zoneDaysKept = 0;

function offsetFromIntl(timeZone: string, at: number): number {
  return Math.round(tzOffset(timeZone, new Date(at)) * 60_000);
}

function zoneDay(timeZone: string, dayIndex: number): ZoneDay {
  let days = zoneDays.get(timeZone);
  if (!days) zoneDays.set(timeZone, (days = new Map()));
  let day = days.get(dayIndex);
  if (!day) {
    const start = dayIndex * DAY_MS;
    const before = offsetFromIntl(timeZone, start);
    const after = offsetFromIntl(timeZone, start + DAY_MS);
    // Zones change offset at most once a day; find the second at which it changes.
    let low = start;
    let high = start + DAY_MS;
    if (before !== after) {
      while (high - low > 1000) {
        const mid = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetFromIntl(timeZone, mid) === before) low = mid;
        else high = mid;
      }
    }
    day = { before, after, changeAt: before === after ? Infinity : high };
    if (++zoneDaysKept > ZONE_DAYS_KEPT) {
      zoneDays.clear();
      zoneDays.set(timeZone, (days = new Map()));
      zoneDaysKept = 1;
    }
    days.set(dayIndex, day);
  }
  return day;
}

/** The zone's UTC offset at an instant, in milliseconds (New York in winter: −18,000,000). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const day = zoneDay(timeZone, Math.floor(instant / DAY_MS));
  return instant < day.changeAt ? day.before : day.after;
}

/** The wall-clock reading of an instant in a zone, as floating milliseconds. */
export function wallClockAt(timeZone: string, instant: number): number {
  return instant + zoneOffsetMs(timeZone, instant);
}

/**
 * The instant a wall-clock reading stands for, as RFC 5545 §3.3.5 resolves DATE-TIME values
 * (and Temporal's `disambiguation: 'compatible'`, python-dateutil, zoneinfo): a reading
 * inside a spring-forward gap uses the offset from before the change, so it lands as much
 * later as the gap is long (02:30 → 03:30); a reading that happens twice takes the first.
 */
export function instantAtWallClock(timeZone: string, wallClock: number): number {
  // Offsets range from −12 to +14 hours, so the offset in force a day either side bounds both candidates.
  const earlierOffset = zoneOffsetMs(timeZone, wallClock - DAY_MS);
  const laterOffset = zoneOffsetMs(timeZone, wallClock + DAY_MS);
  if (earlierOffset === laterOffset) return wallClock - earlierOffset;
  const first = wallClock - earlierOffset;
  if (zoneOffsetMs(timeZone, first) === earlierOffset) return first;
  const second = wallClock - laterOffset;
  if (zoneOffsetMs(timeZone, second) === laterOffset) return second;
  return first;
}

/** How far the wall clock jumped forward (positive) or back (negative) during the day before `instant`. */
export function offsetChangeWithinDayBefore(timeZone: string, instant: number): number {
  return zoneOffsetMs(timeZone, instant) - zoneOffsetMs(timeZone, instant - DAY_MS);
}

/** Every instant whose wall clock shows this reading: none inside a spring-forward gap, two in a repeated hour. */
export function instantsShowing(timeZone: string, wallClock: number): number[] {
  const candidates = new Set([
    wallClock - zoneOffsetMs(timeZone, wallClock - DAY_MS),
    wallClock - zoneOffsetMs(timeZone, wallClock + DAY_MS),
  ]);
  return [...candidates]
    .filter((at) => wallClockAt(timeZone, at) === wallClock)
    .sort((a, b) => a - b);
}
