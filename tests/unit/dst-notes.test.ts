import { describe, expect, it } from 'vitest';
import { dstNotes } from '@/lib/schedules/dst-notes';
import { recurrenceSchema, type RecurrenceInput } from '@/lib/schedules/recurrence';

const notes = (input: RecurrenceInput, from: string) =>
  dstNotes(recurrenceSchema.parse(input), new Date(from));

describe('DST notes for the schedule form', () => {
  it('says when the time does not exist on a day the schedule runs, and when it happens twice', () => {
    expect(
      notes(
        {
          pattern: { kind: 'daily' },
          timeOfDay: '02:30',
          timeZone: 'America/New_York',
          startDate: '2026-01-01',
        },
        '2026-01-10T00:00:00Z',
      ),
    ).toEqual([
      '02:30 does not exist in America/New_York on 8 March 2026 (clocks go forward); that day’s task is created at 03:30.',
    ]);
    expect(
      notes(
        {
          pattern: { kind: 'daily' },
          timeOfDay: '01:30',
          timeZone: 'America/New_York',
          startDate: '2026-01-01',
        },
        '2026-01-10T00:00:00Z',
      ),
    ).toEqual([
      '01:30 happens twice in America/New_York on 1 November 2026 (clocks go back); the task is created at the first.',
    ]);
  });

  it('looks a year ahead from now, and only at the days the schedule runs', () => {
    const daily = {
      pattern: { kind: 'daily' },
      timeOfDay: '02:30',
      timeZone: 'Europe/Berlin',
      startDate: '2026-01-01',
    } as const;
    expect(notes(daily, '2026-04-01T00:00:00Z')).toEqual([
      '02:30 happens twice in Europe/Berlin on 25 October 2026 (clocks go back); the task is created at the first.',
      '02:30 does not exist in Europe/Berlin on 28 March 2027 (clocks go forward); that day’s task is created at 03:30.',
    ]);
    expect(notes(daily, '2027-04-01T00:00:00Z')).toHaveLength(2);
    expect(notes(daily, '2026-12-01T00:00:00Z')).toEqual([
      '02:30 does not exist in Europe/Berlin on 28 March 2027 (clocks go forward); that day’s task is created at 03:30.',
      '02:30 happens twice in Europe/Berlin on 31 October 2027 (clocks go back); the task is created at the first.',
    ]);
    // Mondays only: Berlin changes its clocks on Sundays.
    expect(
      notes(
        { ...daily, pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] } },
        '2026-01-10T00:00:00Z',
      ),
    ).toEqual([]);
    expect(notes({ ...daily, timeOfDay: '09:00' }, '2026-01-10T00:00:00Z')).toEqual([]);
    expect(notes({ ...daily, endDate: '2026-03-01' }, '2026-01-10T00:00:00Z')).toEqual([]);
  });

  it('gives the resolved time of a half-hour shift and of a gap that crosses midnight', () => {
    expect(
      notes(
        {
          pattern: { kind: 'daily' },
          timeOfDay: '02:15',
          timeZone: 'Australia/Lord_Howe',
          startDate: '2026-01-01',
        },
        '2026-06-01T00:00:00Z',
      ),
    ).toEqual([
      '02:15 does not exist in Australia/Lord_Howe on 4 October 2026 (clocks go forward); that day’s task is created at 02:45.',
    ]);
    expect(
      notes(
        {
          pattern: { kind: 'daily' },
          timeOfDay: '23:30',
          timeZone: 'America/Nuuk',
          startDate: '2026-01-01',
        },
        '2026-01-10T00:00:00Z',
      ),
    ).toEqual([
      '23:30 does not exist in America/Nuuk on 28 March 2026 (clocks go forward); that day’s task is created at 00:30 on 29 March.',
      '23:30 happens twice in America/Nuuk on 24 October 2026 (clocks go back); the task is created at the first.',
    ]);
    expect(
      notes(
        {
          pattern: { kind: 'daily' },
          timeOfDay: '00:00',
          timeZone: 'America/Santiago',
          startDate: '2026-01-01',
        },
        '2026-01-10T00:00:00Z',
      ),
    ).toEqual([
      '00:00 does not exist in America/Santiago on 6 September 2026 (clocks go forward); that day’s task is created at 01:00.',
    ]);
  });
});
