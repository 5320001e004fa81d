import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { taskSchedules, tasks } from '@/db/schema';
import { repeatStrategy } from '@/jobs/schedules';
import { catchUpMissedOccurrences, generateScheduledOccurrence } from '@/lib/schedules/generate';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { testActor } from '../support/schedule-fixtures';

// A daily review at a time that does not exist on the spring-forward day still gets its task
// that day, at the resolved time (RFC 5545 §3.3.5), whether the worker fires it live or
// catches it up after being down across the change.

let test: TestDatabase;
let db: Db;
beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
});
afterAll(async () => {
  await test?.drop();
});

const GAPS = [
  { timeZone: 'America/New_York', timeOfDay: '02:30', startDate: '2026-03-06', gapDay: '2026-03-08', resolved: '2026-03-08T07:30:00.000Z' },
  { timeZone: 'Europe/Berlin', timeOfDay: '02:30', startDate: '2026-03-27', gapDay: '2026-03-29', resolved: '2026-03-29T01:30:00.000Z' },
  { timeZone: 'America/Santiago', timeOfDay: '00:00', startDate: '2026-09-04', gapDay: '2026-09-06', resolved: '2026-09-06T04:00:00.000Z' },
];

async function dailySchedule(name: string, gap: (typeof GAPS)[number]) {
  const schedule = await createSchedule(db, testActor, { name, pattern: { kind: 'daily' }, timeOfDay: gap.timeOfDay, timeZone: gap.timeZone, startDate: gap.startDate, dueInDays: 1 });
  const activatedAt = new Date(`${gap.startDate}T00:00:00Z`);
  await db.update(taskSchedules).set({ activatedAt, createdAt: activatedAt }).where(eq(taskSchedules.id, schedule.id));
  return schedule.id;
}

async function tasksOf(scheduleId: string) {
  return db.select({ occurrenceAt: tasks.occurrenceAt, periodKey: tasks.periodKey, title: tasks.title }).from(tasks).where(eq(tasks.scheduleId, scheduleId)).orderBy(asc(tasks.occurrenceAt));
}

describe('daylight-saving gaps in generation', () => {
  it.each(GAPS)('$timeZone at $timeOfDay: the worker fires the $gapDay occurrence at the resolved time, one task per day', async (gap) => {
    const id = await dailySchedule(`Live ${gap.timeZone}`, gap);
    const [{ rrule }] = await db.select({ rrule: taskSchedules.rrule }).from(taskSchedules).where(eq(taskSchedules.id, id));
    // As BullMQ asks the strategy for each next run, and the job fires at it.
    let at = (await repeatStrategy(Date.parse(`${gap.startDate}T00:00:00Z`) - 86_400_000, { pattern: rrule }))!;
    for (let i = 0; i < 4; i++) {
      const result = await generateScheduledOccurrence(db, id, new Date(at), new Date(at));
      expect(result.created).toBe(true);
      at = (await repeatStrategy(at, { pattern: rrule }))!;
    }
    const made = await tasksOf(id);
    expect(made.map((t) => t.periodKey)).toEqual([0, 1, 2, 3].map((d) => `day:${new Date(Date.parse(`${gap.startDate}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10)}`));
    const gapTask = made.find((t) => t.periodKey === `day:${gap.gapDay}`)!;
    expect(gapTask.occurrenceAt?.toISOString()).toBe(gap.resolved);
    expect(gapTask.title).toContain(`${Number(gap.gapDay.slice(8))} ${gap.gapDay.slice(5, 7) === '03' ? 'March' : 'September'} 2026`);
  });

  it.each(GAPS)('$timeZone at $timeOfDay: catch-up after downtime across the change creates the $gapDay task too', async (gap) => {
    const id = await dailySchedule(`Caught up ${gap.timeZone}`, gap);
    const now = new Date(Date.parse(`${gap.startDate}T00:00:00Z`) + 4 * 86_400_000);
    await catchUpMissedOccurrences(db, now);
    const made = await tasksOf(id);
    expect(made.map((t) => t.periodKey)).toEqual([0, 1, 2, 3].map((d) => `day:${new Date(Date.parse(`${gap.startDate}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10)}`));
    expect(made.find((t) => t.periodKey === `day:${gap.gapDay}`)?.occurrenceAt?.toISOString()).toBe(gap.resolved);
    await db.update(taskSchedules).set({ active: false }).where(eq(taskSchedules.id, id));
  });
});
