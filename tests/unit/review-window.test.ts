import { describe, expect, it } from 'vitest';
import { reviewEvidenceWords } from '@/lib/schedules/review-evidence-words';
import { onePeriodBefore, reviewWindow } from '@/lib/schedules/review-window';
import { toRruleString, type RecurrencePattern } from '@/lib/schedules/recurrence';

function rule(pattern: RecurrencePattern, timeZone = 'America/Chicago', startDate = '2026-01-01') {
  return {
    pattern,
    timeZone,
    rrule: toRruleString({ pattern, timeOfDay: '08:00', timeZone, startDate, endDate: null }),
  };
}

describe('the window a generated review looks at', () => {
  it('runs from the previous occurrence up to this one', () => {
    const monthly = rule({ kind: 'monthly-day', day: 1 });
    // 1 April 08:00 CDT back to 1 March 08:00 CST: the offsets differ, the wall clock does not.
    expect(reviewWindow(monthly, new Date('2026-04-01T13:00:00Z'))).toEqual({
      from: new Date('2026-03-01T14:00:00Z'),
      to: new Date('2026-04-01T13:00:00Z'),
    });
  });

  it('reviews one period back for the first occurrence', () => {
    const monthly = rule({ kind: 'monthly-day', day: 1 });
    expect(reviewWindow(monthly, new Date('2026-01-01T14:00:00Z'))).toEqual({
      from: new Date('2025-12-01T14:00:00Z'),
      to: new Date('2026-01-01T14:00:00Z'),
    });
    const weekly = rule({ kind: 'weekly', interval: 2, weekdays: ['MO'] }, 'UTC', '2026-01-05');
    expect(onePeriodBefore(weekly, new Date('2026-01-05T08:00:00Z'))).toEqual(
      new Date('2025-12-22T08:00:00Z'),
    );
    const quarterly = rule({ kind: 'quarterly', day: 1 }, 'UTC');
    expect(onePeriodBefore(quarterly, new Date('2026-01-01T08:00:00Z'))).toEqual(
      new Date('2025-10-01T08:00:00Z'),
    );
    expect(
      onePeriodBefore(rule({ kind: 'daily' }, 'UTC'), new Date('2026-03-01T08:00:00Z')),
    ).toEqual(new Date('2026-02-28T08:00:00Z'));
  });

  it('reads as the count and the window in the schedule zone', () => {
    expect(
      reviewEvidenceWords({
        matchCount: 12,
        windowFrom: new Date('2026-03-01T14:00:00Z'),
        windowTo: new Date('2026-04-01T13:00:00Z'),
        timeZone: 'America/Chicago',
      }),
    ).toBe('12 events matched, Mar 1, 2026, 08:00 CST – Apr 1, 2026, 08:00 CDT');
    expect(
      reviewEvidenceWords({
        matchCount: null,
        windowFrom: new Date('2026-03-01T08:00:00Z'),
        windowTo: new Date('2026-03-02T08:00:00Z'),
        timeZone: 'UTC',
      }),
    ).toBe('The query could not run over Mar 1, 2026, 08:00 UTC – Mar 2, 2026, 08:00 UTC');
  });
});
