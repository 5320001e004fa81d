import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { vtimezone } from '@/lib/calendar/vtimezone';

// The VTIMEZONEs of the calendar feeds, read back by ical.js: the offsets it applies must
// be the ones the zone really has on each side of a change.

function zoneOf(text: string): ICAL.Timezone {
  return new ICAL.Timezone(new ICAL.Component(ICAL.parse(text)));
}

/** UTC offset in seconds that ical.js finds for a local wall-clock reading. */
function offsetAt(zone: ICAL.Timezone, local: string): number {
  const time = ICAL.Time.fromDateTimeString(local);
  time.zone = zone;
  return zone.utcOffset(time);
}

const YEAR = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-12-31T00:00:00Z') };

describe('vtimezone', () => {
  it('names each change of New York, read back with the right offsets', () => {
    const text = vtimezone('America/New_York', YEAR.from, YEAR.to);
    expect(text.match(/^BEGIN:DAYLIGHT$/gm)).toHaveLength(2);
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT',
    );
    expect(text).toContain('DTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500');
    const zone = zoneOf(text);
    expect(offsetAt(zone, '2026-03-07T12:00:00')).toBe(-5 * 3600);
    expect(offsetAt(zone, '2026-03-09T12:00:00')).toBe(-4 * 3600);
    expect(offsetAt(zone, '2026-11-02T12:00:00')).toBe(-5 * 3600);
  });

  it('writes half-hour offsets and zones without changes', () => {
    const text = vtimezone('Asia/Kolkata', YEAR.from, YEAR.to);
    expect(text.match(/^BEGIN:(STANDARD|DAYLIGHT)$/gm)).toEqual(['BEGIN:STANDARD']);
    expect(text).toContain('TZOFFSETTO:+0530');
    expect(offsetAt(zoneOf(text), '2026-06-01T12:00:00')).toBe(5.5 * 3600);
  });

  it('follows a southern zone, where daylight time spans the new year', () => {
    const zone = zoneOf(vtimezone('Australia/Sydney', YEAR.from, YEAR.to));
    expect(offsetAt(zone, '2026-01-15T12:00:00')).toBe(11 * 3600);
    expect(offsetAt(zone, '2026-07-15T12:00:00')).toBe(10 * 3600);
  });
});
