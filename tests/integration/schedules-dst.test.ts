import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { taskSchedules, tasks } from '@/db/schema';
import { createGenerationPass } from '@/jobs/schedule-generator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { manualClock, type ManualClock } from '../support/manual-clock';
import { createScheduleAt } from '../support/schedule-fixtures';

// A daily review at a time that does not exist on the spring-forward day still gets its task
// that day, at the resolved time (RFC 5545 §3.3.5), whether the generator runs through the
// change as it happens or catches it up after being down across it.

let test: TestDatabase;
let db: Db;
beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
});
afterAll(async () => {
  await test?.drop();
});
afterEach(async () => {
  await db.update(taskSchedules).set({ active: false, nextOccurrenceAt: null });
});

const GAPS = [
  {
    timeZone: 'America/New_York',
    timeOfDay: '02:30',
    startDate: '2026-03-06',
    gapDay: '2026-03-08',
    resolved: '2026-03-08T07:30:00.000Z',
  },
  {
    timeZone: 'Europe/Berlin',
    timeOfDay: '02:30',
    startDate: '2026-03-27',
    gapDay: '2026-03-29',
    resolved: '2026-03-29T01:30:00.000Z',
  },
  {
    timeZone: 'America/Santiago',
    timeOfDay: '00:00',
    startDate: '2026-09-04',
    gapDay: '2026-09-06',
    resolved: '2026-09-06T04:00:00.000Z',
  },
];
const DAY = 86_400_000;

async function dailySchedule(name: string, gap: (typeof GAPS)[number]) {
  // The day before the start, so that the start date's own occurrence is owed.
  return createScheduleAt(db, new Date(Date.parse(`${gap.startDate}T00:00:00Z`) - DAY), {
    name,
    pattern: { kind: 'daily' },
    timeOfDay: gap.timeOfDay,
    timeZone: gap.timeZone,
    startDate: gap.startDate,
    dueInDays: 1,
  });
}

function pass(clock: ManualClock) {
  return createGenerationPass({ db, clock, log: () => {}, concurrency: 2, catchUpLimit: 12 });
}

async function tasksOf(scheduleId: string) {
  return db
    .select({
      occurrenceAt: tasks.occurrenceAt,
      periodKey: tasks.periodKey,
      title: tasks.title,
      generatedLate: tasks.generatedLate,
    })
    .from(tasks)
    .where(eq(tasks.scheduleId, scheduleId))
    .orderBy(asc(tasks.occurrenceAt));
}

const fourDays = (startDate: string) =>
  [0, 1, 2, 3].map(
    (d) =>
      `day:${new Date(Date.parse(`${startDate}T00:00:00Z`) + d * DAY).toISOString().slice(0, 10)}`,
  );

describe('daylight-saving gaps in generation', () => {
  it.each(GAPS)(
    '$timeZone at $timeOfDay: the generator creates the $gapDay task at the resolved time, on time, one task per day',
    async (gap) => {
      const id = await dailySchedule(`Live ${gap.timeZone}`, gap);
      const clock = manualClock(`${gap.startDate}T00:00:00Z`);
      // Step through each occurrence as it comes due, a few seconds after it.
      for (let i = 0; i < 4; i++) {
        const [{ next }] = await db
          .select({ next: taskSchedules.nextOccurrenceAt })
          .from(taskSchedules)
          .where(eq(taskSchedules.id, id));
        clock.set(new Date(next!.getTime() + 5_000));
        await pass(clock).run();
      }
      const made = await tasksOf(id);
      expect(made.map((t) => t.periodKey)).toEqual(fourDays(gap.startDate));
      expect(made.every((t) => !t.generatedLate)).toBe(true);
      const gapTask = made.find((t) => t.periodKey === `day:${gap.gapDay}`)!;
      expect(gapTask.occurrenceAt?.toISOString()).toBe(gap.resolved);
      expect(gapTask.title).toContain(
        `${Number(gap.gapDay.slice(8))} ${gap.gapDay.slice(5, 7) === '03' ? 'March' : 'September'} 2026`,
      );
    },
  );

  it.each(GAPS)(
    '$timeZone at $timeOfDay: catch-up after downtime across the change creates the $gapDay task too',
    async (gap) => {
      const id = await dailySchedule(`Caught up ${gap.timeZone}`, gap);
      const clock = manualClock(new Date(Date.parse(`${gap.startDate}T00:00:00Z`) + 4 * DAY - 1));
      await pass(clock).run();
      const made = await tasksOf(id);
      expect(made.map((t) => t.periodKey)).toEqual(fourDays(gap.startDate));
      expect(
        made.find((t) => t.periodKey === `day:${gap.gapDay}`)?.occurrenceAt?.toISOString(),
      ).toBe(gap.resolved);
      const [{ ledger }] = await db.execute<{ ledger: number }>(
        sql`select count(*)::int as ledger from schedule_periods where schedule_id = ${id}`,
      );
      expect(ledger).toBe(4);
    },
  );
});
