import { describe, expect, it } from 'vitest';
import {
  computeResponseDue,
  formatDuration,
  responseClock,
  type BusinessCalendar,
} from '@/lib/incidents/response-target';

const chicago: BusinessCalendar = { timeZone: 'America/Chicago', holidays: new Set() };
const at = (iso: string) => new Date(iso);

describe('response targets', () => {
  it('gives High 2 hours and Medium 12 hours of elapsed time, weekends included', () => {
    expect(computeResponseDue(at('2026-11-28T22:00:00Z'), 'high', chicago).toISOString()).toBe(
      '2026-11-29T00:00:00.000Z',
    );
    expect(computeResponseDue(at('2026-11-28T22:00:00Z'), 'medium', chicago).toISOString()).toBe(
      '2026-11-29T10:00:00.000Z',
    );
  });

  it('gives Low and None until the end of the next business day in the organization’s zone', () => {
    // Tuesday 10:00 in Chicago → end of Wednesday, Chicago time (UTC-6 in winter).
    expect(computeResponseDue(at('2026-12-01T16:00:00Z'), 'low', chicago).toISOString()).toBe(
      '2026-12-03T05:59:59.999Z',
    );
    expect(computeResponseDue(at('2026-12-01T16:00:00Z'), 'none', chicago).toISOString()).toBe(
      '2026-12-03T05:59:59.999Z',
    );
  });

  it('uses the local date, not the UTC one, to decide which day it is', () => {
    // Monday 23:30 in Chicago is already Tuesday in UTC; the next business day is still Tuesday.
    expect(computeResponseDue(at('2026-12-01T05:30:00Z'), 'low', chicago).toISOString()).toBe(
      '2026-12-02T05:59:59.999Z',
    );
  });

  it('skips weekends', () => {
    // Friday afternoon → end of Monday; Saturday → end of Monday.
    expect(computeResponseDue(at('2026-12-04T20:00:00Z'), 'low', chicago).toISOString()).toBe(
      '2026-12-08T05:59:59.999Z',
    );
    expect(computeResponseDue(at('2026-12-05T15:00:00Z'), 'low', chicago).toISOString()).toBe(
      '2026-12-08T05:59:59.999Z',
    );
  });

  it('skips configured holidays', () => {
    const withHolidays: BusinessCalendar = {
      ...chicago,
      holidays: new Set(['2026-12-25', '2026-12-28']),
    };
    // Thursday 24 December → Friday 25 is a holiday, the weekend, Monday 28 a holiday → end of Tuesday 29.
    expect(computeResponseDue(at('2026-12-24T15:00:00Z'), 'low', withHolidays).toISOString()).toBe(
      '2026-12-30T05:59:59.999Z',
    );
  });

  it('ends the day at local midnight on both sides of a daylight-saving change', () => {
    // Friday 6 March 2026 → Monday 9 March, after clocks went forward on Sunday 8 March (UTC-5).
    expect(computeResponseDue(at('2026-03-06T18:00:00Z'), 'low', chicago).toISOString()).toBe(
      '2026-03-10T04:59:59.999Z',
    );
    // Friday 30 October 2026 → Monday 2 November, after clocks went back on Sunday 1 November (UTC-6).
    expect(computeResponseDue(at('2026-10-30T18:00:00Z'), 'low', chicago).toISOString()).toBe(
      '2026-11-03T05:59:59.999Z',
    );
  });

  it('keeps High at exactly 2 elapsed hours across the spring-forward hour', () => {
    // 01:30 CST on 8 March 2026; 2 real hours later the wall clock reads 04:30 CDT.
    expect(computeResponseDue(at('2026-03-08T07:30:00Z'), 'high', chicago).toISOString()).toBe(
      '2026-03-08T09:30:00.000Z',
    );
  });
});

describe('response clock', () => {
  const createdAt = at('2026-11-28T10:00:00Z');
  const responseDueAt = at('2026-11-28T12:00:00Z');

  it('is on track, then at risk after 75 % of the time, then breached', () => {
    expect(
      responseClock({ createdAt, responseDueAt, respondedAt: null }, at('2026-11-28T11:00:00Z')),
    ).toEqual({ status: 'on-track', remainingMs: 3_600_000 });
    expect(
      responseClock({ createdAt, responseDueAt, respondedAt: null }, at('2026-11-28T11:30:00Z'))
        .status,
    ).toBe('at-risk');
    expect(
      responseClock({ createdAt, responseDueAt, respondedAt: null }, at('2026-11-28T12:20:00Z')),
    ).toEqual({ status: 'breached', overdueMs: 1_200_000 });
  });

  it('stops once responded, and says whether it was late', () => {
    expect(
      responseClock(
        { createdAt, responseDueAt, respondedAt: at('2026-11-28T11:00:00Z') },
        at('2026-11-29T00:00:00Z'),
      ),
    ).toMatchObject({ status: 'met', late: false });
    expect(
      responseClock(
        { createdAt, responseDueAt, respondedAt: at('2026-11-28T12:01:00Z') },
        at('2026-11-29T00:00:00Z'),
      ),
    ).toMatchObject({ status: 'met', late: true });
  });

  it('formats durations for people', () => {
    expect(formatDuration(80 * 60_000)).toBe('1 h 20 min');
    expect(formatDuration(51 * 3_600_000)).toBe('2 d 3 h');
    expect(formatDuration(45_000)).toBe('1 min');
  });
});
