import { RRuleTemporal } from 'rrule-temporal';

// Temporal's own resolution of a wall-clock reading (`disambiguation: 'compatible'`, which
// is RFC 5545 §3.3.5's), as a reference for tests. rrule-temporal bundles a Temporal
// polyfill without exporting it; its classes are reached through a date it returns.
const sample = new RRuleTemporal({
  rruleString: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
}).next(new Date('2026-01-01T00:00:00Z'), true)!;
type PlainDateTimeClass = new (...fields: number[]) => {
  toZonedDateTime(
    zone: string,
    options: { disambiguation: 'compatible' },
  ): { epochMilliseconds: number };
};
const PlainDateTime = sample.toPlainDateTime().constructor as unknown as PlainDateTimeClass;

/** The instant of a local date and time in a zone: forward by the gap where it does not exist, the first where it happens twice. */
export function temporalInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  return new PlainDateTime(year, month, day, hour, minute).toZonedDateTime(timeZone, {
    disambiguation: 'compatible',
  }).epochMilliseconds;
}
