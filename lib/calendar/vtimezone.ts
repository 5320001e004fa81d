import { zoneOffsetMs } from '@/lib/time/wall-clock';

// The VTIMEZONE of a zone over a span of time, from the zone data Node.js itself uses
// (Intl, through lib/time/wall-clock.ts), so the offsets a client applies are the ones
// Vigil computed the occurrences with. Each offset change in the span is its own
// observance (no RRULE): exact for zones whose rules changed, and every client reads it.

const DAY_MS = 86_400_000;

type Change = { at: number; from: number; to: number };

function offsetChanges(timeZone: string, from: number, to: number): Change[] {
  const changes: Change[] = [];
  let before = zoneOffsetMs(timeZone, from);
  for (let day = from; day < to; day += DAY_MS) {
    const after = zoneOffsetMs(timeZone, day + DAY_MS);
    if (after === before) continue;
    // A zone changes at most once a day: find the second it does.
    let low = day;
    let high = day + DAY_MS;
    while (high - low > 1000) {
      const mid = low + Math.floor((high - low) / 2000) * 1000;
      if (zoneOffsetMs(timeZone, mid) === before) low = mid;
      else high = mid;
    }
    changes.push({ at: high, from: before, to: after });
    before = after;
  }
  return changes;
}

/** "-0500", "+0530" */
function offsetText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${ms < 0 ? '-' : '+'}${hh}${mm}`;
}

/** A wall-clock reading as a local DATE-TIME: 20260308T020000 */
function localStamp(floatingMs: number): string {
  return new Date(floatingMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '');
}

function abbreviation(timeZone: string, at: number): string | undefined {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(at))
    .find((part) => part.type === 'timeZoneName')?.value;
  // "GMT-5" says nothing the offset does not; only real abbreviations (EST, CET) are kept.
  return name && /^[A-Z]{2,5}$/.test(name) ? name : undefined;
}

/**
 * BEGIN:VTIMEZONE … END:VTIMEZONE for `timeZone` between two instants: an observance for
 * the offset in force at `from`, then one per change. A change to a larger offset than the
 * span's smallest is DAYLIGHT, anything else STANDARD.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string {
  const start = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  const initial = zoneOffsetMs(timeZone, start);
  const changes = offsetChanges(timeZone, start, to.getTime());
  const standard = Math.min(initial, ...changes.map((c) => c.to));
  const observances = [{ at: start, from: initial, to: initial }, ...changes].map((c) => {
    const kind = c.to > standard ? 'DAYLIGHT' : 'STANDARD';
    const name = abbreviation(timeZone, c.at);
    return [
      `BEGIN:${kind}`,
      // The onset as the clock read it just before the change (RFC 5545 §3.6.5).
      `DTSTART:${localStamp(c.at + c.from)}`,
      `TZOFFSETFROM:${offsetText(c.from)}`,
      `TZOFFSETTO:${offsetText(c.to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    ];
  });
  return ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...observances.flat(), 'END:VTIMEZONE'].join(
    '\r\n',
  );
}
