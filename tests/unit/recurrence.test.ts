import { describe, expect, it } from 'vitest';
import {
  dueAtFor,
  isOccurrence,
  nextOccurrence,
  nextOccurrences,
  occurrencesBetween,
  periodLabel,
  previousOccurrence,
  recurrenceInWords,
  recurrenceSchema,
  toRruleString,
  type RecurrenceInput,
} from '@/lib/schedules/recurrence';
import { periodKeyFor } from '@/lib/schedules/period-key';
import { createScheduleInput } from '@/lib/schedules/schemas';
import { parseInput } from '@/lib/validation';
import { ValidationError } from '@/lib/errors';
import { temporalInstant } from '../support/temporal-reference';

function rule(input: RecurrenceInput): string {
  return toRruleString(recurrenceSchema.parse(input));
}

/** Local wall times of the first `count` occurrences after `from`, as "YYYY-MM-DD HH:MM" in `zone`. */
function local(rrule: string, from: string, count: number, zone: string): string[] {
  return nextOccurrences(rrule, new Date(from), count).map((d) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(d),
  );
}

describe('recurrence: RRULE strings', () => {
  it('builds DTSTART with the zone and the rule', () => {
    expect(
      rule({
        pattern: { kind: 'monthly-day', day: 1 },
        timeOfDay: '08:00',
        timeZone: 'America/Chicago',
        startDate: '2026-03-01',
      }),
    ).toBe('DTSTART;TZID=America/Chicago:20260301T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1');
    expect(
      rule({
        pattern: { kind: 'weekly', interval: 2, weekdays: ['TH', 'MO'] },
        timeOfDay: '07:30',
        timeZone: 'UTC',
        startDate: '2026-01-01',
      }),
    ).toBe('DTSTART;TZID=UTC:20260101T073000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO');
  });

  it('ends at the end of the end date in the zone (UNTIL in UTC)', () => {
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '22:00',
      timeZone: 'America/Chicago',
      startDate: '2026-03-01',
      endDate: '2026-03-03',
    });
    expect(r).toContain('UNTIL=20260304T055959Z');
    expect(local(r, '2026-02-01T00:00:00Z', 10, 'America/Chicago')).toEqual([
      '2026-03-01 22:00',
      '2026-03-02 22:00',
      '2026-03-03 22:00',
    ]);
  });
});

describe('recurrence: month ends', () => {
  it('falls back to the last day for days 29–31', () => {
    const r = rule({
      pattern: { kind: 'monthly-day', day: 31 },
      timeOfDay: '08:00',
      timeZone: 'America/Chicago',
      startDate: '2026-01-01',
    });
    expect(local(r, '2026-01-01T00:00:00Z', 6, 'America/Chicago')).toEqual([
      '2026-01-31 08:00',
      '2026-02-28 08:00',
      '2026-03-31 08:00',
      '2026-04-30 08:00',
      '2026-05-31 08:00',
      '2026-06-30 08:00',
    ]);
    const r30 = rule({
      pattern: { kind: 'monthly-day', day: 30 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
    });
    expect(local(r30, '2026-01-01T00:00:00Z', 3, 'UTC')).toEqual([
      '2026-01-30 08:00',
      '2026-02-28 08:00',
      '2026-03-30 08:00',
    ]);
  });

  it('takes 29 February in a leap year and the 28th otherwise (monthly and yearly)', () => {
    const monthly = rule({
      pattern: { kind: 'monthly-day', day: 29 },
      timeOfDay: '09:00',
      timeZone: 'UTC',
      startDate: '2027-12-01',
    });
    expect(local(monthly, '2027-12-01T00:00:00Z', 4, 'UTC')).toEqual([
      '2027-12-29 09:00',
      '2028-01-29 09:00',
      '2028-02-29 09:00',
      '2028-03-29 09:00',
    ]);
    const yearly = rule({
      pattern: { kind: 'yearly', month: 2, day: 29 },
      timeOfDay: '09:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
    });
    expect(local(yearly, '2026-01-01T00:00:00Z', 4, 'UTC')).toEqual([
      '2026-02-28 09:00',
      '2027-02-28 09:00',
      '2028-02-29 09:00',
      '2029-02-28 09:00',
    ]);
  });

  it('runs on the last day of every month', () => {
    const r = rule({
      pattern: { kind: 'monthly-last-day' },
      timeOfDay: '17:00',
      timeZone: 'UTC',
      startDate: '2028-01-01',
    });
    expect(local(r, '2028-01-01T00:00:00Z', 3, 'UTC')).toEqual([
      '2028-01-31 17:00',
      '2028-02-29 17:00',
      '2028-03-31 17:00',
    ]);
  });

  it('finds the last and the second weekday of the month', () => {
    const last = rule({
      pattern: { kind: 'monthly-weekday', ordinal: -1, weekday: 'FR' },
      timeOfDay: '10:00',
      timeZone: 'Europe/London',
      startDate: '2026-01-01',
    });
    expect(local(last, '2026-01-01T00:00:00Z', 3, 'Europe/London')).toEqual([
      '2026-01-30 10:00',
      '2026-02-27 10:00',
      '2026-03-27 10:00',
    ]);
    const second = rule({
      pattern: { kind: 'monthly-weekday', ordinal: 2, weekday: 'TU' },
      timeOfDay: '10:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
    });
    expect(local(second, '2026-01-01T00:00:00Z', 2, 'UTC')).toEqual([
      '2026-01-13 10:00',
      '2026-02-10 10:00',
    ]);
  });

  it('repeats quarterly and every six months from the start month', () => {
    const q = rule({
      pattern: { kind: 'quarterly', day: 31 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-03-01',
    });
    expect(local(q, '2026-01-01T00:00:00Z', 4, 'UTC')).toEqual([
      '2026-03-31 08:00',
      '2026-06-30 08:00',
      '2026-09-30 08:00',
      '2026-12-31 08:00',
    ]);
    const h = rule({
      pattern: { kind: 'semiannual', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
    });
    expect(local(h, '2026-01-01T00:00:00Z', 3, 'UTC')).toEqual([
      '2026-01-01 08:00',
      '2026-07-01 08:00',
      '2027-01-01 08:00',
    ]);
  });
});

describe('recurrence: daylight saving', () => {
  it('keeps 09:00 New York time across the spring change', () => {
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '09:00',
      timeZone: 'America/New_York',
      startDate: '2026-03-06',
    });
    const at = nextOccurrences(r, new Date('2026-03-06T00:00:00Z'), 4);
    expect(at.map((d) => d.toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z', // EDT from 8 March: still 09:00 locally
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('keeps 09:00 New York time across the autumn change', () => {
    const r = rule({
      pattern: { kind: 'weekly', interval: 1, weekdays: ['SU'] },
      timeOfDay: '09:00',
      timeZone: 'America/New_York',
      startDate: '2026-10-20',
    });
    expect(
      nextOccurrences(r, new Date('2026-10-20T00:00:00Z'), 2).map((d) => d.toISOString()),
    ).toEqual([
      '2026-10-25T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z', // EST from 1 November
    ]);
  });

  it('keeps a time that exists on both sides of a change in Berlin and Lord Howe', () => {
    const berlin = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '09:00',
      timeZone: 'Europe/Berlin',
      startDate: '2026-03-28',
    });
    expect(local(berlin, '2026-03-28T00:00:00Z', 2, 'Europe/Berlin')).toEqual([
      '2026-03-28 09:00',
      '2026-03-29 09:00',
    ]);
    const lordHowe = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '02:30',
      timeZone: 'Australia/Lord_Howe',
      startDate: '2026-10-03',
    });
    expect(local(lordHowe, '2026-10-02T00:00:00Z', 2, 'Australia/Lord_Howe')).toEqual([
      '2026-10-03 02:30',
      '2026-10-04 02:30',
    ]);
  });

  it('sets the due date at the end of the local day, across a change', () => {
    const due = dueAtFor(new Date('2026-03-06T14:00:00Z'), 4, 'America/New_York');
    // 10 March 23:59:59.999 EDT
    expect(due.toISOString()).toBe('2026-03-11T03:59:59.999Z');
    expect(dueAtFor(new Date('2026-03-01T14:00:00Z'), 0, 'America/Chicago').toISOString()).toBe(
      '2026-03-02T05:59:59.999Z',
    );
  });
});

describe('recurrence: every N weeks', () => {
  it('keeps the two-week rhythm across a year boundary', () => {
    const r = rule({
      pattern: { kind: 'weekly', interval: 2, weekdays: ['MO'] },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-12-14',
    });
    expect(local(r, '2026-12-01T00:00:00Z', 4, 'UTC')).toEqual([
      '2026-12-14 08:00',
      '2026-12-28 08:00',
      '2027-01-11 08:00',
      '2027-01-25 08:00',
    ]);
  });
  it('runs on several weekdays every third week', () => {
    const r = rule({
      pattern: { kind: 'weekly', interval: 3, weekdays: ['MO', 'FR'] },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-12-28',
    });
    expect(local(r, '2026-12-01T00:00:00Z', 4, 'UTC')).toEqual([
      '2026-12-28 08:00',
      '2027-01-01 08:00',
      '2027-01-18 08:00',
      '2027-01-22 08:00',
    ]);
  });
});

describe('recurrence: queries used by generation', () => {
  const r = rule({
    pattern: { kind: 'monthly-day', day: 1 },
    timeOfDay: '08:00',
    timeZone: 'UTC',
    startDate: '2026-01-01',
  });
  it('lists occurrences in a window and recognises an occurrence', () => {
    expect(
      occurrencesBetween(r, new Date('2026-01-01T08:00:00Z'), new Date('2026-04-01T08:00:00Z')).map(
        (d) => d.toISOString(),
      ),
    ).toEqual(['2026-02-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z', '2026-04-01T08:00:00.000Z']);
    expect(isOccurrence(r, new Date('2026-02-01T08:00:00Z'))).toBe(true);
    expect(isOccurrence(r, new Date('2026-02-01T08:00:01Z'))).toBe(false);
    expect(previousOccurrence(r, new Date('2026-02-15T00:00:00Z'))?.toISOString()).toBe(
      '2026-02-01T08:00:00.000Z',
    );
    expect(previousOccurrence(r, new Date('2025-12-15T00:00:00Z'))).toBeNull();
  });
  it('labels the period of an occurrence', () => {
    expect(
      periodLabel(
        new Date('2027-03-01T14:00:00Z'),
        { kind: 'monthly-day', day: 1 },
        'America/Chicago',
      ),
    ).toBe('March 2027');
    expect(
      periodLabel(
        new Date('2027-03-01T14:00:00Z'),
        { kind: 'quarterly', day: 1 },
        'America/Chicago',
      ),
    ).toBe('Q1 2027');
    // 1 March 02:00 UTC is still 28 February in Chicago
    expect(
      periodLabel(
        new Date('2027-03-01T02:00:00Z'),
        { kind: 'monthly-day', day: 28 },
        'America/Chicago',
      ),
    ).toBe('February 2027');
  });
});

describe('recurrence: in words', () => {
  it('says it as a person would', () => {
    const words = (input: RecurrenceInput) => recurrenceInWords(recurrenceSchema.parse(input));
    expect(
      words({
        pattern: { kind: 'monthly-day', day: 1 },
        timeOfDay: '08:00',
        timeZone: 'America/Chicago',
        startDate: '2026-03-01',
      }),
    ).toBe('Every month on day 1 at 08:00, America/Chicago');
    expect(
      words({
        pattern: { kind: 'weekly', interval: 2, weekdays: ['MO', 'TH'] },
        timeOfDay: '07:30',
        timeZone: 'UTC',
        startDate: '2026-03-01',
        endDate: '2026-12-31',
      }),
    ).toBe('Every 2 weeks on Monday and Thursday at 07:30, UTC, until 2026-12-31');
    expect(
      words({
        pattern: { kind: 'monthly-weekday', ordinal: -1, weekday: 'FR' },
        timeOfDay: '16:00',
        timeZone: 'UTC',
        startDate: '2026-03-01',
      }),
    ).toBe('Every month on the last Friday at 16:00, UTC');
    expect(
      words({
        pattern: { kind: 'quarterly', day: 15 },
        timeOfDay: '08:00',
        timeZone: 'UTC',
        startDate: '2026-02-01',
      }),
    ).toBe('Every quarter on day 15 (February, May, August and November) at 08:00, UTC');
  });
});

describe('recurrence: bad input', () => {
  const fieldErrors = (input: unknown) => {
    try {
      parseInput(recurrenceSchema, input);
      return {};
    } catch (error) {
      return (error as ValidationError).fieldErrors;
    }
  };
  it('names the field at fault', () => {
    const ok = {
      pattern: { kind: 'daily' },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-03-01',
    };
    expect(fieldErrors(ok)).toEqual({});
    expect(fieldErrors({ ...ok, timeZone: 'Mars/Olympus' })).toHaveProperty('timeZone');
    expect(fieldErrors({ ...ok, endDate: '2026-02-01' })).toHaveProperty('endDate');
    expect(fieldErrors({ ...ok, pattern: { kind: 'fortnightly' } })).toHaveProperty('pattern.kind');
    expect(fieldErrors({ ...ok, pattern: { kind: 'weekly', weekdays: [] } })).toHaveProperty(
      'pattern.weekdays',
    );
    expect(fieldErrors({ ...ok, pattern: { kind: 'yearly', month: 4, day: 31 } })).toHaveProperty(
      'pattern.day',
    );
    expect(fieldErrors({ ...ok, startDate: '2026-02-30' })).toHaveProperty('startDate');
    expect(fieldErrors({ ...ok, timeOfDay: '25:00' })).toHaveProperty('timeOfDay');
  });

  it('refuses 30 February (and 31 April) as a yearly date: such a rule never occurs', () => {
    const ok = { timeOfDay: '08:00', timeZone: 'UTC', startDate: '2026-03-01' };
    expect(fieldErrors({ ...ok, pattern: { kind: 'yearly', month: 2, day: 30 } })).toEqual({
      'pattern.day': 'That month does not have that day.',
    });
    expect(fieldErrors({ ...ok, pattern: { kind: 'yearly', month: 2, day: 29 } })).toEqual({});
  });

  it('refuses a rule whose end date comes before its first occurrence, naming that occurrence', () => {
    const monthly = {
      pattern: { kind: 'monthly-day', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'Europe/Berlin',
      startDate: '2027-02-02',
      endDate: '2027-02-28',
    };
    const message =
      'This schedule would never create a task: its first occurrence, 1 March 2027, is after its end date.';
    expect(fieldErrors(monthly)).toEqual({ endDate: message });
    expect(fieldErrors({ ...monthly, endDate: '2027-03-01' })).toEqual({});
    // Every 2 weeks on Monday from Tuesday 2 March 2027: the start's week counts, its Monday has passed, so the first is 15 March.
    const weekly = {
      pattern: { kind: 'weekly', interval: 2, weekdays: ['MO'] },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2027-03-02',
      endDate: '2027-03-14',
    };
    expect(fieldErrors(weekly).endDate).toBe(
      'This schedule would never create a task: its first occurrence, 15 March 2027, is after its end date.',
    );
    const yearly = {
      pattern: { kind: 'yearly', month: 1, day: 15 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2027-02-01',
      endDate: '2027-12-31',
    };
    expect(fieldErrors(yearly).endDate).toContain('15 January 2028');
    // The end date's own occurrence counts, also when the time falls in a gap that day.
    expect(
      fieldErrors({
        pattern: { kind: 'daily' },
        timeOfDay: '02:30',
        timeZone: 'America/New_York',
        startDate: '2026-03-08',
        endDate: '2026-03-08',
      }),
    ).toEqual({});
    // The same refusal on creating a schedule.
    const schedule = { name: 'Review', dueInDays: 3, ...monthly };
    expect(() => parseInput(createScheduleInput, schedule)).toThrow(ValidationError);
    try {
      parseInput(createScheduleInput, schedule);
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual({ endDate: message });
    }
  });
});

/** Occurrences of a rule as ISO instants. */
function instants(rrule: string, from: string, count: number): string[] {
  return nextOccurrences(rrule, new Date(from), count).map((d) => d.toISOString());
}

describe('recurrence: a time that does not exist or happens twice (RFC 5545 §3.3.5)', () => {
  it('moves a daily 02:30 New York forward to 03:30 EDT on the spring-forward day', () => {
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '02:30',
      timeZone: 'America/New_York',
      startDate: '2026-03-06',
    });
    expect(instants(r, '2026-03-06T00:00:00Z', 4)).toEqual([
      '2026-03-06T07:30:00.000Z',
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('keeps March for a monthly schedule on the 8th at 02:30 New York', () => {
    const r = rule({
      pattern: { kind: 'monthly-day', day: 8 },
      timeOfDay: '02:30',
      timeZone: 'America/New_York',
      startDate: '2026-01-01',
    });
    expect(local(r, '2026-01-01T00:00:00Z', 4, 'America/New_York')).toEqual([
      '2026-01-08 02:30',
      '2026-02-08 02:30',
      '2026-03-08 03:30',
      '2026-04-08 02:30',
    ]);
  });

  it('moves 02:30 Berlin to 03:30 CEST on 29 March 2026', () => {
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '02:30',
      timeZone: 'Europe/Berlin',
      startDate: '2026-03-27',
    });
    expect(instants(r, '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(local(r, '2026-03-28T00:00:00Z', 3, 'Europe/Berlin')).toEqual([
      '2026-03-28 02:30',
      '2026-03-29 03:30',
      '2026-03-30 02:30',
    ]);
  });

  it('keeps 6 September 2026 for midnight in Santiago, at 01:00 local', () => {
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '00:00',
      timeZone: 'America/Santiago',
      startDate: '2026-09-01',
    });
    expect(local(r, '2026-09-04T12:00:00Z', 3, 'America/Santiago')).toEqual([
      '2026-09-05 00:00',
      '2026-09-06 01:00',
      '2026-09-07 00:00',
    ]);
    expect(instants(r, '2026-09-05T12:00:00Z', 1)).toEqual(['2026-09-06T04:00:00.000Z']);
  });

  it('moves a time in Lord Howe’s 30-minute gap forward by 30 minutes', () => {
    // 4 October 2026: 02:00 +10:30 becomes 02:30 +11:00
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '02:15',
      timeZone: 'Australia/Lord_Howe',
      startDate: '2026-10-01',
    });
    expect(local(r, '2026-10-02T00:00:00Z', 3, 'Australia/Lord_Howe')).toEqual([
      '2026-10-03 02:15',
      '2026-10-04 02:45',
      '2026-10-05 02:15',
    ]);
    expect(instants(r, '2026-10-03T12:00:00Z', 1)).toEqual(['2026-10-03T15:45:00.000Z']);
  });

  it('takes the first 01:30 on the New York fall-back day, and only once', () => {
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '01:30',
      timeZone: 'America/New_York',
      startDate: '2026-10-30',
    });
    expect(instants(r, '2026-10-31T00:00:00Z', 3)).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z', // 01:30 EDT, the first of the two
      '2026-11-02T06:30:00.000Z',
    ]);
    expect(
      occurrencesBetween(r, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-02T00:00:00Z')).map(
        (d) => d.toISOString(),
      ),
    ).toEqual(['2026-11-01T05:30:00.000Z']);
    // Asked from inside the repeated hour (01:10 EST, after the first 01:30 has passed): the next is 2 November.
    expect(instants(r, '2026-11-01T06:10:00Z', 1)).toEqual(['2026-11-02T06:30:00.000Z']);
    expect(previousOccurrence(r, new Date('2026-11-01T06:10:00Z'))?.toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('answers every query the same way around a gap', () => {
    const r = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '02:30',
      timeZone: 'America/New_York',
      startDate: '2026-03-01',
    });
    const resolved = new Date('2026-03-08T07:30:00Z'); // 03:30 EDT
    expect(isOccurrence(r, resolved)).toBe(true);
    // Asked at 03:15 EDT, after the clocks jumped but before the resolved 03:30: it is still to come.
    expect(instants(r, '2026-03-08T07:15:00Z', 1)).toEqual(['2026-03-08T07:30:00.000Z']);
    expect(previousOccurrence(r, new Date('2026-03-08T07:15:00Z'))?.toISOString()).toBe(
      '2026-03-07T07:30:00.000Z',
    );
    expect(previousOccurrence(r, resolved)?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(
      occurrencesBetween(r, new Date('2026-03-07T07:30:00Z'), resolved).map((d) => d.toISOString()),
    ).toEqual(['2026-03-08T07:30:00.000Z']);
    expect(nextOccurrence(r, resolved, true)?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('keeps weekly and monthly occurrences that fall in a gap', () => {
    const weekly = rule({
      pattern: { kind: 'weekly', interval: 1, weekdays: ['SU'] },
      timeOfDay: '02:30',
      timeZone: 'America/New_York',
      startDate: '2026-02-20',
    });
    expect(local(weekly, '2026-02-25T00:00:00Z', 3, 'America/New_York')).toEqual([
      '2026-03-01 02:30',
      '2026-03-08 03:30',
      '2026-03-15 02:30',
    ]);
    const lastSunday = rule({
      pattern: { kind: 'monthly-weekday', ordinal: -1, weekday: 'SU' },
      timeOfDay: '02:00',
      timeZone: 'Europe/Berlin',
      startDate: '2026-01-01',
    });
    expect(local(lastSunday, '2026-02-01T00:00:00Z', 3, 'Europe/Berlin')).toEqual([
      '2026-02-22 02:00',
      '2026-03-29 03:00',
      '2026-04-26 02:00',
    ]);
    const quarterly = rule({
      pattern: { kind: 'quarterly', day: 6 },
      timeOfDay: '00:30',
      timeZone: 'America/Santiago',
      startDate: '2026-03-01',
    });
    expect(local(quarterly, '2026-08-01T00:00:00Z', 1, 'America/Santiago')).toEqual([
      '2026-09-06 01:30',
    ]);
  });

  it('still includes the end date’s occurrence when it falls in a gap', () => {
    const ny = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '02:30',
      timeZone: 'America/New_York',
      startDate: '2026-03-06',
      endDate: '2026-03-08',
    });
    expect(local(ny, '2026-03-01T00:00:00Z', 5, 'America/New_York')).toEqual([
      '2026-03-06 02:30',
      '2026-03-07 02:30',
      '2026-03-08 03:30',
    ]);
    const santiago = rule({
      pattern: { kind: 'daily' },
      timeOfDay: '00:00',
      timeZone: 'America/Santiago',
      startDate: '2026-09-05',
      endDate: '2026-09-06',
    });
    expect(local(santiago, '2026-09-01T00:00:00Z', 5, 'America/Santiago')).toEqual([
      '2026-09-05 00:00',
      '2026-09-06 01:00',
    ]);
  });
});

/** "2026-03-08" for each day of `year`, by plain date arithmetic. */
function calendarDates(year: number): string[] {
  const dates: string[] = [];
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d = new Date(d.getTime() + 86_400_000)
  )
    dates.push(d.toISOString().slice(0, 10));
  return dates;
}

describe('recurrence: one occurrence per local date through a year', () => {
  const cases: [zone: string, time: string][] = [
    ['America/New_York', '02:30'],
    ['America/New_York', '01:30'],
    ['Europe/Berlin', '02:30'],
    ['America/Santiago', '00:00'],
    ['Australia/Lord_Howe', '02:15'],
    ['Australia/Lord_Howe', '01:45'],
    // Nuuk's clocks jump from 23:00 to 00:00 on the last Saturday of March: 23:30 resolves past midnight.
    ['America/Nuuk', '23:30'],
  ];
  it.each(cases)(
    '%s at %s: 365 occurrences in 2026, one for each date, each at the RFC 5545 instant',
    (timeZone, timeOfDay) => {
      const pattern = { kind: 'daily' } as const;
      const r = rule({ pattern, timeOfDay, timeZone, startDate: '2025-12-01' });
      const dates = calendarDates(2026);
      const year = occurrencesBetween(
        r,
        new Date('2025-12-30T00:00:00Z'),
        new Date('2027-01-03T00:00:00Z'),
      ).filter((d) => {
        const key = periodKeyFor(d, pattern, timeZone, timeOfDay);
        return key >= `day:${dates[0]}` && key <= `day:${dates[dates.length - 1]}`;
      });
      expect(year.map((d) => periodKeyFor(d, pattern, timeZone, timeOfDay))).toEqual(
        dates.map((date) => `day:${date}`),
      );
      // Each at the instant of that date's wall time as Temporal resolves it (forward in a gap, the first of a repeated hour).
      const [h, m] = timeOfDay.split(':').map(Number);
      const expected = dates.map((date) =>
        temporalInstant(
          timeZone,
          Number(date.slice(0, 4)),
          Number(date.slice(5, 7)),
          Number(date.slice(8, 10)),
          h,
          m,
        ),
      );
      expect(year.map((d) => d.toISOString())).toEqual(
        expected.map((at) => new Date(at).toISOString()),
      );
    },
  );

  it('lists a window of a daily rule exactly as walking it occurrence by occurrence does', () => {
    for (const [timeZone, timeOfDay, endDate] of [
      ['America/New_York', '02:30', null],
      ['America/Santiago', '00:00', '2026-09-06'],
      ['UTC', '23:59', '2026-03-10'],
      ['America/Nuuk', '23:30', '2026-03-28'],
    ] as const) {
      const r = rule({
        pattern: { kind: 'daily' },
        timeOfDay,
        timeZone,
        startDate: '2026-03-01',
        endDate,
      });
      for (const [after, until] of [
        ['2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z'],
        ['2026-03-08T07:30:00Z', '2026-03-09T07:30:00Z'],
        ['2026-09-01T00:00:00Z', '2026-09-10T00:00:00Z'],
      ]) {
        const walked = nextOccurrences(r, new Date(after), 400).filter((d) => d <= new Date(until));
        expect(occurrencesBetween(r, new Date(after), new Date(until))).toEqual(walked);
      }
    }
  });

  it('titles a Nuuk occurrence resolved past midnight with the date it stands for', () => {
    const resolved = new Date('2026-03-29T01:30:00Z'); // 00:30 −01:00 on 29 March, standing for 23:30 on the 28th
    expect(periodLabel(resolved, { kind: 'daily' }, 'America/Nuuk', '23:30')).toBe('28 March 2026');
    expect(periodKeyFor(resolved, { kind: 'daily' }, 'America/Nuuk', '23:30')).toBe(
      'day:2026-03-28',
    );
    // A schedule at 00:30 that day really is on the 29th.
    expect(periodKeyFor(resolved, { kind: 'daily' }, 'America/Nuuk', '00:30')).toBe(
      'day:2026-03-29',
    );
  });
});
