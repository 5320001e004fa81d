import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  organization,
  outbox,
  schedulePeriods,
  taskSchedules,
  tasks,
  type TaskSchedule,
  type User,
} from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { renderEmail } from '@/lib/email/render-email';
import { queueAdministratorNotice } from '@/lib/notifications/administrator-notice';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { schedulePeriodsCsv } from '@/lib/schedules/export-periods-csv';
import { getScheduleDetail } from '@/lib/schedules/get-schedule-detail';
import { getSchedulePeriods } from '@/lib/schedules/get-schedule-periods';
import { periodKeyFor } from '@/lib/schedules/period-key';
import { createTask } from '@/lib/tasks/create-task';
import { createUser } from '@/lib/users/create-user';
import { parseCsv } from '../support/csv';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The schedule's record is the ledger (schedule_periods): every period once, as a task or a
// visible miss. Rows are written here directly, as the generator writes them.

const system = systemActor('test');
const generator = systemActor('worker:schedules');
const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-02-18T12:00:00Z');

let test: TestDatabase;
let db: Db;
let admins: User[];

async function weeklySchedule(name: string): Promise<TaskSchedule> {
  return createSchedule(db, system, {
    name,
    pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] },
    timeOfDay: '08:00',
    timeZone: 'America/Chicago',
    startDate: '2026-01-05',
    dueInDays: 3,
  });
}

/** Monday 08:00 Chicago of the n-th week from 5 January 2026. */
function monday(n: number): Date {
  return new Date(Date.parse('2026-01-05T14:00:00Z') + n * 7 * DAY);
}

async function recordTask(
  schedule: TaskSchedule,
  n: number,
  task: { state?: 'open' | 'closed' | 'invalid'; closedAfterDays?: number; lateReason?: string },
) {
  const occurrenceAt = monday(n);
  const periodKey = periodKeyFor(occurrenceAt, schedule.pattern, schedule.timeZone);
  return db.transaction(async (tx) => {
    const created = await createTask(tx, generator, {
      title: `${schedule.name} ${periodKey}`,
      scheduleId: schedule.id,
      occurrenceAt,
      periodKey,
      dueAt: new Date(occurrenceAt.getTime() + 3 * DAY),
      generatedLate: !!task.lateReason,
      lateReason: task.lateReason,
    });
    if (task.state && task.state !== 'open') {
      await tx
        .update(tasks)
        .set({
          state: task.state,
          closedAt: new Date(occurrenceAt.getTime() + (task.closedAfterDays ?? 1) * DAY),
        })
        .where(eq(tasks.id, created.task.id));
    }
    await tx.insert(schedulePeriods).values({
      scheduleId: schedule.id,
      periodKey,
      occurrenceAt,
      outcome: 'task',
      taskId: created.task.id,
      reason: task.lateReason ?? '',
    });
    return created.task;
  });
}

async function recordMissed(schedule: TaskSchedule, n: number, reason: string) {
  const occurrenceAt = monday(n);
  await db.insert(schedulePeriods).values({
    scheduleId: schedule.id,
    periodKey: periodKeyFor(occurrenceAt, schedule.pattern, schedule.timeZone),
    occurrenceAt,
    outcome: 'missed',
    reason,
  });
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'America/Chicago' });
  admins = [];
  for (const [i, name] of ['Alex Kim', 'Morgan Diaz'].entries()) {
    admins.push(
      (
        await createUser(db, system, {
          email: `admin-${i}@example.com`,
          name,
          role: 'admin',
          timeZone: i ? 'Europe/Berlin' : 'America/Chicago',
        })
      ).user,
    );
  }
});
afterAll(() => test?.drop());

describe("a schedule's record", () => {
  let schedule: TaskSchedule;
  const numbers: number[] = [];

  beforeAll(async () => {
    schedule = await weeklySchedule('Weekly failed-logon review');
    // Weeks 0–1 missed (no worker ran), 2 on time, 3 late, 4 invalid, 5 created late and still open (overdue), 6 open.
    await recordMissed(schedule, 0, 'no worker was running');
    await recordMissed(schedule, 1, 'no worker was running');
    numbers.push((await recordTask(schedule, 2, { state: 'closed', closedAfterDays: 1 })).number);
    numbers.push((await recordTask(schedule, 3, { state: 'closed', closedAfterDays: 5 })).number);
    numbers.push((await recordTask(schedule, 4, { state: 'invalid' })).number);
    numbers.push(
      (
        await recordTask(schedule, 5, {
          lateReason: 'created 3 h 12 min after its occurrence: no worker was running',
        })
      ).number,
    );
    numbers.push((await recordTask(schedule, 6, {})).number);
  });

  it('lists every period newest first, tasks and misses, paged by keyset without gaps or repeats', async () => {
    const seen: Awaited<ReturnType<typeof getSchedulePeriods>>['rows'] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await getSchedulePeriods(db, schedule.id, { cursor, limit: 3 }, NOW);
      seen.push(...page.rows);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((r) => r.label)).toEqual([
      'week of 16 February 2026',
      'week of 9 February 2026',
      'week of 2 February 2026',
      'week of 26 January 2026',
      'week of 19 January 2026',
      'week of 12 January 2026',
      'week of 5 January 2026',
    ]);
    expect(seen.map((r) => r.status)).toEqual([
      'open',
      'overdue',
      'invalid',
      'late',
      'on-time',
      'missed',
      'missed',
    ]);
    expect(seen.map((r) => r.task?.number ?? null)).toEqual([
      numbers[4],
      numbers[3],
      numbers[2],
      numbers[1],
      numbers[0],
      null,
      null,
    ]);
    expect(seen[1].reason).toBe('created 3 h 12 min after its occurrence: no worker was running');
    expect(seen[1].task!.generatedLate).toBe(true);
    expect(seen[6]).toMatchObject({ reason: 'no worker was running', task: null });
    expect(seen[6].recordedAt).toBeInstanceOf(Date);
  });

  it('reads a malformed cursor as the first page', async () => {
    const page = await getSchedulePeriods(
      db,
      schedule.id,
      { cursor: 'not-a-cursor', limit: 2 },
      NOW,
    );
    expect(page.rows[0].label).toBe('week of 16 February 2026');
  });

  it('counts the record with missed periods', async () => {
    const detail = (await getScheduleDetail(db, schedule.id, NOW))!;
    expect(detail.record).toEqual({
      'on-time': 1,
      late: 1,
      open: 1,
      overdue: 1,
      invalid: 1,
      missed: 2,
    });
    expect(detail.generationError).toBeNull();
  });

  it('shows the last generation error while generation keeps failing', async () => {
    await db
      .update(taskSchedules)
      .set({ generationFailures: 3, lastGenerationError: 'deadlock detected' })
      .where(eq(taskSchedules.id, schedule.id));
    expect((await getScheduleDetail(db, schedule.id, NOW))!.generationError).toEqual({
      failures: 3,
      message: 'deadlock detected',
    });
    await db
      .update(taskSchedules)
      .set({ generationFailures: 0 })
      .where(eq(taskSchedules.id, schedule.id));
  });

  it('exports the ledger as a periods CSV, one row per period', async () => {
    const rows = parseCsv(
      (await schedulePeriodsCsv(db, schedule.id, 'America/Chicago', NOW))!.replace(/^\uFEFF/, ''),
    );
    expect(rows[0]).toEqual([
      'Schedule ID',
      'Schedule',
      'Period',
      'Period key',
      'Occurrence (America/Chicago)',
      'Outcome',
      'Task',
      'Task state',
      'Result',
      'Due (America/Chicago)',
      'Closed (America/Chicago)',
      'Reason',
      'Recorded (America/Chicago)',
    ]);
    expect(rows).toHaveLength(8);
    const missed = rows.find((r) => r[3] === 'week:2026-01-05')!;
    expect(missed).toMatchObject({
      0: schedule.id,
      1: 'Weekly failed-logon review',
      2: 'week of 5 January 2026',
      4: '2026-01-05 08:00:00',
      5: 'Missed',
      6: '',
      8: 'Missed',
      11: 'no worker was running',
    });
    const late = rows.find((r) => r[6] === `TASK-${numbers[3]}`)!;
    expect(late).toMatchObject({
      5: 'Task',
      7: 'Open',
      8: 'Open and overdue',
      11: 'created 3 h 12 min after its occurrence: no worker was running',
    });
  });
});

describe('the periods CSV', () => {
  it('neutralises a formula-like schedule name and reason', async () => {
    const schedule = await weeklySchedule('=HYPERLINK("http://evil.example","Review")');
    await recordMissed(schedule, 0, '+cmd|" /C calc"!A0');
    const rows = parseCsv(
      (await schedulePeriodsCsv(db, schedule.id, 'UTC', NOW))!.replace(/^\uFEFF/, ''),
    );
    expect(rows[1][1]).toBe(`'=HYPERLINK("http://evil.example","Review")`);
    expect(rows[1][11]).toBe(`'+cmd|" /C calc"!A0`);
  });
});

describe('the periods-missed notice', () => {
  it('emails each administrator once with the count, the range and a bounded list in their zone', async () => {
    const schedule = await createSchedule(db, system, {
      name: 'Daily failed-logon review',
      pattern: { kind: 'daily' },
      timeOfDay: '08:00',
      timeZone: 'America/Chicago',
      startDate: '2026-01-01',
      dueInDays: 1,
    });
    const periods = Array.from({ length: 60 }, (_, i) => {
      const occurrenceAt = new Date(Date.parse('2025-12-08T14:00:00Z') + i * DAY);
      return {
        periodKey: periodKeyFor(occurrenceAt, schedule.pattern, schedule.timeZone),
        occurrenceAt,
      };
    });
    await db.transaction((tx) =>
      queueAdministratorNotice(tx, {
        kind: 'periods-missed',
        scheduleId: schedule.id,
        periods,
        reason: 'no worker was running for 60 days',
      }),
    );

    const emails = (await db.select().from(outbox).where(eq(outbox.topic, 'periods-missed'))).map(
      (r) =>
        r.payload as {
          to: string;
          template: 'periods-missed';
          props: Record<string, unknown>;
          appPath: string;
        },
    );
    expect(emails.map((e) => e.to).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(emails[0].appPath).toBe(`/schedules/${schedule.id}`);
    const berlin = emails.find((e) => e.to === admins[1].email)!;
    const rendered = await renderEmail(berlin.template, {
      ...berlin.props,
      url: `https://vigil.example.com${berlin.appPath}`,
    });
    expect(rendered.subject).toBe(
      'Daily failed-logon review: 60 periods were recorded as missed (8 December 2025 – 5 February 2026)',
    );
    expect(rendered.text).toContain('no worker was running for 60 days');
    expect(rendered.text).toContain('8 December 2025 (Dec 8, 2025, 15:00 GMT+1)');
    expect(rendered.text).toContain('… and 10 more');
    expect(rendered.text).not.toContain('27 January 2026 (');
    expect(rendered.text).toContain(`https://vigil.example.com/schedules/${schedule.id}`);
    expect(rendered.text).toMatch(/you are a Vigil administrator/);
  });
});
