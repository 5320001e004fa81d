import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { eventFieldNames, taskSchedules } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { scheduleQueryWarnings } from '@/lib/schedules/query-warnings';
import { updateSchedule } from '@/lib/schedules/update-schedule';
import { testActor } from '../support/schedule-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

// A schedule's event query is checked when it is saved: one that cannot be read is refused
// with where it goes wrong; one naming a field no event has saves, with a warning.

let db: Db;
const test = setUpTestDatabase(async () => {
  db = test.db;
  await db.insert(eventFieldNames).values({ name: 'winlog.event_data.TargetUserName' });
});

const base = {
  name: 'User account created',
  pattern: { kind: 'monthly-day' as const, day: 1 },
  timeOfDay: '08:00',
  timeZone: 'UTC',
  startDate: '2026-01-01',
  dueInDays: 4,
};

describe('a schedule query on save', () => {
  it('refuses a query that cannot be read, naming the position, and saves nothing', async () => {
    const error = await rejection(
      createSchedule(db, testActor, { ...base, name: 'Unreadable', query: 'event_id:(4720 OR' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      query: 'Expected a term or phrase after OR at character 18.',
    });
    expect(
      await db.select().from(taskSchedules).where(eq(taskSchedules.name, 'Unreadable')),
    ).toEqual([]);
  });

  it('refuses the same on an edit, keeping the query it had', async () => {
    const schedule = await createSchedule(db, testActor, { ...base, query: 'event_id:4720' });
    const error = await rejection(
      updateSchedule(db, testActor, schedule.id, {
        version: schedule.version,
        query: 'app_name:"microsoft-windows-security-auditing',
      }),
    );
    expect((error as ValidationError).fieldErrors).toEqual({
      query: 'Expected a closing quote (") at the end of the query.',
    });
    const [kept] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, schedule.id));
    expect(kept.query).toBe('event_id:4720');
  });

  it("saves the seed's example query, with no warning", async () => {
    const query =
      'app_name:("microsoft-windows-security-auditing" OR "DefenseStorm Agent") AND (event_id:4720 OR event_id:624 OR event_id:4722 OR event_id:626) AND NOT category:("alert")';
    const schedule = await createSchedule(db, testActor, { ...base, query });
    expect(schedule.query).toBe(query);
    expect(await scheduleQueryWarnings(db, schedule.query)).toEqual([]);
  });

  it('saves a query naming a field no event has, and warns about that field only', async () => {
    const schedule = await createSchedule(db, testActor, {
      ...base,
      query: 'winlog.event_data.TargetUserName:adm* AND geo_dst.country:russia',
    });
    const warnings = await scheduleQueryWarnings(db, schedule.query);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^No event has a field "geo_dst.country"/);
    expect(await scheduleQueryWarnings(db, '')).toEqual([]);
  });
});
