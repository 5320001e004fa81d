import { describe, expect, it } from 'vitest';
import { countOccurrences } from '@/lib/schedules/expected-count';
import { patternFromValues, valuesFromPattern } from '@/lib/schedules/form-data';
import {
  nextOccurrences,
  recurrenceInWords,
  recurrenceSchema,
  toRruleString,
} from '@/lib/schedules/recurrence';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';

// A policy reviewed every N months (1–60) repeats monthly with an interval: the review
// schedules lib/policies makes, and anyone's "every 18 months" schedule.

const review = recurrenceSchema.parse({
  pattern: { kind: 'monthly-day', day: 15, interval: 18 },
  timeOfDay: '08:00',
  timeZone: 'America/Chicago',
  startDate: '2027-06-15',
});

describe('every N months', () => {
  it('is an RRULE with an interval, counted from the start date', () => {
    const rrule = toRruleString(review);
    expect(rrule).toBe(
      'DTSTART;TZID=America/Chicago:20270615T080000\nRRULE:FREQ=MONTHLY;INTERVAL=18;BYMONTHDAY=15',
    );
    expect(
      nextOccurrences(rrule, new Date('2026-12-01T00:00:00Z'), 3).map((d) => d.toISOString()),
    ).toEqual(['2027-06-15T13:00:00.000Z', '2028-12-15T14:00:00.000Z', '2030-06-15T13:00:00.000Z']);
    expect(recurrenceInWords(review)).toBe(
      'Every 18 months on day 15 (from June 2027) at 08:00, America/Chicago',
    );
  });

  it('is counted as the generator fires it', () => {
    const rrule = toRruleString(review);
    const after = new Date('2026-12-01T00:00:00Z');
    const through = new Date('2031-01-01T00:00:00Z');
    const fired = nextOccurrences(rrule, after, 10).filter((d) => d <= through).length;
    expect(countOccurrences(review, after, through)).toBe(fired);
    expect(fired).toBe(3);
  });

  it('keeps "every month" as it was, and round-trips through the form', () => {
    const monthly = recurrenceSchema.parse({ ...review, pattern: { kind: 'monthly-day', day: 1 } });
    expect(monthly.pattern).toEqual({ kind: 'monthly-day', day: 1 });
    expect(toRruleString(monthly)).toContain('RRULE:FREQ=MONTHLY;BYMONTHDAY=1');
    expect(patternFromValues(valuesFromPattern(review.pattern))).toEqual(review.pattern);
    expect(patternFromValues({ ...valuesFromPattern(monthly.pattern), interval: '1' })).toEqual({
      kind: 'monthly-day',
      day: 1,
    });
  });

  it('refuses more than 60 months', () => {
    const error = (() => {
      try {
        parseInput(recurrenceSchema, {
          ...review,
          pattern: { kind: 'monthly-day', day: 1, interval: 61 },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors['pattern.interval']).toBe(
      'Every 1 to 60 months.',
    );
  });
});
