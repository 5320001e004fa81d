import { describe, expect, it } from 'vitest';
import { expectedPeriods, type OracleSchedule } from '@/tests/faults/oracle';
import { resolveLocalTime } from '@/tests/faults/zone-time';

// The fault suite's oracle against dates checked by hand on a calendar and the tz database.

const schedule = (overrides: Partial<OracleSchedule>): OracleSchedule => ({
  pattern: { kind: 'daily' },
  timeOfDay: '08:00',
  timeZone: 'UTC',
  startDate: '2025-12-01',
  endDate: null,
  ...overrides,
});

const iso = (periods: { occurrenceAt: Date }[]) => periods.map((p) => p.occurrenceAt.toISOString());
const keys = (periods: { periodKey: string }[]) => periods.map((p) => p.periodKey);

describe('resolving local times', () => {
  it('moves a time in a spring-forward gap forward by the gap', () => {
    // Santiago: 2026-09-06 00:00 does not exist (clocks go from 23:59:59 -04 to 01:00 -03).
    expect(
      resolveLocalTime({ year: 2026, month: 9, day: 6 }, '00:00', 'America/Santiago').toISOString(),
    ).toBe('2026-09-06T04:00:00.000Z');
    // New York: 2026-03-08 02:30 does not exist; it is 03:30 EDT.
    expect(
      resolveLocalTime({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York').toISOString(),
    ).toBe('2026-03-08T07:30:00.000Z');
    // Lord Howe's gap is half an hour: 02:15 becomes 02:45 (+11:00).
    expect(
      resolveLocalTime(
        { year: 2026, month: 10, day: 4 },
        '02:15',
        'Australia/Lord_Howe',
      ).toISOString(),
    ).toBe('2026-10-03T15:45:00.000Z');
  });

  it('takes the first instance of a time that happens twice', () => {
    // New York 2026-11-01 01:30 happens in EDT, then again in EST: the EDT one.
    expect(
      resolveLocalTime(
        { year: 2026, month: 11, day: 1 },
        '01:30',
        'America/New_York',
      ).toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
    // Santiago 2026-04-04 23:30 happens at -03, then at -04.
    expect(
      resolveLocalTime({ year: 2026, month: 4, day: 4 }, '23:30', 'America/Santiago').toISOString(),
    ).toBe('2026-04-05T02:30:00.000Z');
  });

  it('leaves ordinary times alone on either side of a change', () => {
    expect(
      resolveLocalTime({ year: 2026, month: 3, day: 7 }, '02:30', 'America/New_York').toISOString(),
    ).toBe('2026-03-07T07:30:00.000Z');
    expect(
      resolveLocalTime({ year: 2026, month: 3, day: 9 }, '02:30', 'America/New_York').toISOString(),
    ).toBe('2026-03-09T06:30:00.000Z');
    expect(
      resolveLocalTime({ year: 2026, month: 6, day: 1 }, '05:30', 'Asia/Kolkata').toISOString(),
    ).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('expected periods', () => {
  it('gives Santiago at midnight its day on 6 September, at 01:00', () => {
    const periods = expectedPeriods(
      schedule({ timeOfDay: '00:00', timeZone: 'America/Santiago' }),
      new Date('2026-09-04T12:00:00Z'),
      new Date('2026-09-07T12:00:00Z'),
    );
    expect(keys(periods)).toEqual(['day:2026-09-05', 'day:2026-09-06', 'day:2026-09-07']);
    expect(iso(periods)).toEqual([
      '2026-09-05T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
    ]);
  });

  it('gives New York at 02:30 its day on 8 March, at 03:30, and a weekly Sunday rule its week', () => {
    const daily = expectedPeriods(
      schedule({ timeOfDay: '02:30', timeZone: 'America/New_York' }),
      new Date('2026-03-07T12:00:00Z'),
      new Date('2026-03-08T12:00:00Z'),
    );
    expect(daily).toEqual([
      { periodKey: 'day:2026-03-08', occurrenceAt: new Date('2026-03-08T07:30:00Z') },
    ]);
    const weekly = expectedPeriods(
      schedule({
        pattern: { kind: 'weekly', interval: 1, weekdays: ['SU'] },
        timeOfDay: '02:30',
        timeZone: 'America/New_York',
      }),
      new Date('2026-03-02T00:00:00Z'),
      new Date('2026-03-16T00:00:00Z'),
    );
    expect(weekly).toEqual([
      { periodKey: 'week:2026-03-02', occurrenceAt: new Date('2026-03-08T07:30:00Z') },
      { periodKey: 'week:2026-03-09', occurrenceAt: new Date('2026-03-15T06:30:00Z') },
    ]);
  });

  it('puts "monthly on the 31st" on the last day of shorter months', () => {
    const periods = expectedPeriods(
      schedule({ pattern: { kind: 'monthly-day', day: 31 } }),
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-07-01T00:00:00Z'),
    );
    expect(iso(periods)).toEqual([
      '2026-01-31T08:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
      '2026-03-31T08:00:00.000Z',
      '2026-04-30T08:00:00.000Z',
      '2026-05-31T08:00:00.000Z',
      '2026-06-30T08:00:00.000Z',
    ]);
    expect(keys(periods)).toEqual([
      'month:2026-01',
      'month:2026-02',
      'month:2026-03',
      'month:2026-04',
      'month:2026-05',
      'month:2026-06',
    ]);
  });

  it('finds the last Friday of each month', () => {
    const periods = expectedPeriods(
      schedule({ pattern: { kind: 'monthly-weekday', ordinal: -1, weekday: 'FR' } }),
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-07-01T00:00:00Z'),
    );
    expect(iso(periods).map((d) => d.slice(0, 10))).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-27',
      '2026-04-24',
      '2026-05-29',
      '2026-06-26',
    ]);
  });

  it('counts every-2-weeks from the start date’s week, never before the start date', () => {
    // Start on Wednesday 7 January: its week (Monday 5 January) is week 0, but 5 January is
    // before the start, so the first review is Monday 19 January.
    const periods = expectedPeriods(
      schedule({
        pattern: { kind: 'weekly', interval: 2, weekdays: ['MO'] },
        startDate: '2026-01-07',
      }),
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(keys(periods)).toEqual(['week:2026-01-19', 'week:2026-02-02', 'week:2026-02-16']);
  });

  it('runs quarterly from the start month, on the 31st or the last day', () => {
    const periods = expectedPeriods(
      schedule({ pattern: { kind: 'quarterly', day: 31 }, startDate: '2026-01-15' }),
      new Date('2026-01-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(
      periods.map((p) => `${p.periodKey}@${p.occurrenceAt.toISOString().slice(0, 10)}`),
    ).toEqual([
      'quarter:2026-Q1@2026-01-31',
      'quarter:2026-Q2@2026-04-30',
      'quarter:2026-Q3@2026-07-31',
      'quarter:2026-Q4@2026-10-31',
    ]);
  });

  it('keeps the window (after, until] and stops after the end date', () => {
    const s = schedule({ endDate: '2026-01-04' });
    expect(
      keys(expectedPeriods(s, new Date('2026-01-01T08:00:00Z'), new Date('2026-01-03T08:00:00Z'))),
    ).toEqual(['day:2026-01-02', 'day:2026-01-03']);
    expect(
      keys(expectedPeriods(s, new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'))),
    ).toEqual(['day:2026-01-01', 'day:2026-01-02', 'day:2026-01-03', 'day:2026-01-04']);
  });

  it('keeps the date a gap pushes past midnight as the period', () => {
    // America/Nuuk skips 23:00–24:00 on Saturday 28 March 2026: the 23:30 review happens at
    // 00:30 on Sunday and is still Saturday's; Sunday has its own at 23:30.
    const periods = expectedPeriods(
      schedule({ timeOfDay: '23:30', timeZone: 'America/Nuuk' }),
      new Date('2026-03-28T12:00:00Z'),
      new Date('2026-03-30T12:00:00Z'),
    );
    expect(periods).toEqual([
      { periodKey: 'day:2026-03-28', occurrenceAt: new Date('2026-03-29T01:30:00Z') },
      { periodKey: 'day:2026-03-29', occurrenceAt: new Date('2026-03-30T00:30:00Z') },
    ]);
  });

  it('dates a period by the local date, not the UTC one', () => {
    // 08:00 in Auckland (+13 in January) is the previous day in UTC.
    const periods = expectedPeriods(
      schedule({ timeZone: 'Pacific/Auckland' }),
      new Date('2026-01-09T12:00:00Z'),
      new Date('2026-01-10T12:00:00Z'),
    );
    expect(periods).toEqual([
      { periodKey: 'day:2026-01-10', occurrenceAt: new Date('2026-01-09T19:00:00Z') },
    ]);
  });
});
