import { tzOffset } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { instantAtWallClock, wallClockAt, zoneOffsetMs } from '@/lib/time/wall-clock';
import { temporalInstant } from '../support/temporal-reference';

function temporalAt(timeZone: string, wallClock: number): number {
  const d = new Date(wallClock);
  return temporalInstant(
    timeZone,
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  );
}

const DAY = 86_400_000;
const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'America/Santiago',
  'Australia/Lord_Howe',
  'America/Nuuk',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'Asia/Kathmandu',
  'UTC',
];

describe('wall clock ↔ instant', () => {
  it.each(ZONES)(
    '%s: resolves 2026 as Temporal does (every quarter hour near a change, every 5 hours elsewhere) and reads offsets as Intl does',
    (timeZone) => {
      const mismatches: string[] = [];
      for (let wall = Date.UTC(2026, 0, 1); wall < Date.UTC(2027, 0, 1);) {
        const ours = instantAtWallClock(timeZone, wall);
        const theirs = temporalAt(timeZone, wall);
        if (ours !== theirs)
          mismatches.push(
            `${new Date(wall).toISOString()} → ${new Date(ours).toISOString()}, Temporal ${new Date(theirs).toISOString()}`,
          );
        if (zoneOffsetMs(timeZone, ours) !== tzOffset(timeZone, new Date(ours)) * 60_000)
          mismatches.push(`offset at ${new Date(ours).toISOString()}`);
        const nearChange =
          tzOffset(timeZone, new Date(wall - 2 * DAY)) !==
          tzOffset(timeZone, new Date(wall + 2 * DAY));
        wall += nearChange ? 15 * 60_000 : 5 * 3_600_000;
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('reads the wall clock back from the instant, on both sides of a change', () => {
    expect(
      new Date(wallClockAt('America/New_York', Date.parse('2026-03-08T06:59:59Z'))).toISOString(),
    ).toBe('2026-03-08T01:59:59.000Z');
    expect(
      new Date(wallClockAt('America/New_York', Date.parse('2026-03-08T07:00:00Z'))).toISOString(),
    ).toBe('2026-03-08T03:00:00.000Z');
    expect(zoneOffsetMs('Australia/Lord_Howe', Date.parse('2026-10-03T15:29:59Z'))).toBe(
      10.5 * 3_600_000,
    );
    expect(zoneOffsetMs('Australia/Lord_Howe', Date.parse('2026-10-03T15:30:00Z'))).toBe(
      11 * 3_600_000,
    );
  });
});
