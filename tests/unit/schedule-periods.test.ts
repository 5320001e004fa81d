import { describe, expect, it } from 'vitest';
import { countOccurrences } from '@/lib/schedules/expected-count';
import { durationInWords, lateReasonFor } from '@/lib/schedules/late-policy';
import {
  occurrencesBetween,
  toRruleString,
  type Recurrence,
  type RecurrencePattern,
} from '@/lib/schedules/recurrence';

describe('late policy', () => {
  it('is late only after five minutes, and says by how much and why', () => {
    const at = new Date('2026-03-01T08:00:00Z');
    expect(lateReasonFor(at, new Date('2026-03-01T08:05:00Z'), { kind: 'no-worker' })).toBeNull();
    expect(lateReasonFor(at, new Date('2026-03-01T11:12:30Z'), { kind: 'no-worker' })).toBe(
      'created 3 h 12 min after its occurrence: no worker was running',
    );
    expect(
      lateReasonFor(at, new Date('2026-03-01T08:06:00Z'), {
        kind: 'generation-failed',
        error: 'boom',
      }),
    ).toBe('created 6 min after its occurrence: generation failed: boom');
    expect(durationInWords(40 * 86_400_000 + 2 * 3_600_000 + 60_000)).toBe('40 days 2 h');
    expect(durationInWords(86_400_000 + 60_000)).toBe('1 day 1 min');
  });
});

// The reconcile's arithmetic count is only a filter in front of the recurrence library, but
// a filter that disagreed with the library on ordinary rules would make every reconcile slow.
describe('arithmetic occurrence count', () => {
  const patterns: RecurrencePattern[] = [
    { kind: 'daily' },
    { kind: 'weekly', interval: 1, weekdays: ['MO'] },
    { kind: 'weekly', interval: 2, weekdays: ['TU', 'FR'] },
    { kind: 'weekly', interval: 3, weekdays: ['SU'] },
    { kind: 'monthly-day', day: 31 },
    { kind: 'monthly-day', day: 15 },
    { kind: 'monthly-last-day' },
    { kind: 'monthly-weekday', ordinal: -1, weekday: 'FR' },
    { kind: 'monthly-weekday', ordinal: 2, weekday: 'MO' },
    { kind: 'quarterly', day: 30 },
    { kind: 'semiannual', day: 1 },
    { kind: 'yearly', month: 2, day: 29 },
  ];
  const zones = [
    'UTC',
    'America/New_York',
    'Europe/Berlin',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Tokyo',
  ];

  it('matches the recurrence library over a year for every pattern in several zones', () => {
    const after = new Date('2026-01-10T05:17:00Z');
    const through = new Date('2027-01-10T05:17:00Z');
    for (const pattern of patterns) {
      for (const [i, timeZone] of zones.entries()) {
        const recurrence: Recurrence = {
          pattern,
          timeOfDay: `0${4 + i}:30`,
          timeZone,
          startDate: '2025-11-03',
          endDate: i === 2 ? '2026-09-30' : null,
        };
        const expected = occurrencesBetween(toRruleString(recurrence), after, through).length;
        expect(
          countOccurrences(recurrence, after, through),
          `${pattern.kind} ${JSON.stringify(pattern)} in ${timeZone}`,
        ).toBe(expected);
      }
    }
  });

  it('matches it for times in daylight-saving gaps and overlaps too', () => {
    const after = new Date('2026-01-10T05:17:00Z');
    const through = new Date('2027-01-10T05:17:00Z');
    const cases: [string, string][] = [
      ['America/New_York', '02:30'],
      ['America/New_York', '01:30'],
      ['Europe/Berlin', '02:30'],
      ['America/Santiago', '00:00'],
      ['Australia/Lord_Howe', '02:15'],
    ];
    for (const pattern of patterns) {
      for (const [timeZone, timeOfDay] of cases) {
        const recurrence: Recurrence = {
          pattern,
          timeOfDay,
          timeZone,
          startDate: '2025-11-03',
          endDate: null,
        };
        const expected = occurrencesBetween(toRruleString(recurrence), after, through).length;
        expect(
          countOccurrences(recurrence, after, through),
          `${JSON.stringify(pattern)} at ${timeOfDay} in ${timeZone}`,
        ).toBe(expected);
      }
    }
  });

  it('counts the window (after, through] exactly at its edges', () => {
    const daily: Recurrence = {
      pattern: { kind: 'daily' },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
      endDate: null,
    };
    expect(
      countOccurrences(daily, new Date('2026-03-01T08:00:00Z'), new Date('2026-03-03T08:00:00Z')),
    ).toBe(2);
    expect(
      countOccurrences(daily, new Date('2026-03-01T07:59:59Z'), new Date('2026-03-03T07:59:59Z')),
    ).toBe(2);
    expect(
      countOccurrences(daily, new Date('2026-03-01T08:00:01Z'), new Date('2026-03-01T09:00:00Z')),
    ).toBe(0);
  });
});
