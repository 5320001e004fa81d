import { and, asc, count, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '@/db/client';
import { activityLog, schedulePeriods, taskSchedules, tasks, users } from '@/db/schema';
import { createGenerationPass } from '@/jobs/schedule-generator';
import { ConflictError, ValidationError } from '@/lib/errors';
import { accountForOccurrences } from '@/lib/schedules/account-periods';
import { generateNow } from '@/lib/schedules/generate';
import { reconcilePeriods, RECONCILE_HORIZON_MS } from '@/lib/schedules/reconcile-periods';
import { dueAtFor, occurrencesBetween } from '@/lib/schedules/recurrence';
import { setScheduleActive, updateSchedule } from '@/lib/schedules/update-schedule';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { manualClock, type ManualClock } from '../support/manual-clock';
import { createScheduleAt, testActor } from '../support/schedule-fixtures';

// The generator's periods, driven step by step with a clock the test moves: every period of
// a schedule's rule gets exactly one ledger row (a task, or a recorded miss), whatever
// edits, failures, outages and races happen in between.

let test: TestDatabase;
let db: Db;

beforeAll(async () => {
  test = await createTestDatabase({ max: 10 });
  db = test.db;
});
afterAll(() => test?.drop());
afterEach(async () => {
  // Each test has its own schedules; a pass of the next test must not generate earlier ones.
  await db.update(taskSchedules).set({ active: false, nextOccurrenceAt: null });
  await db.execute(sql`drop trigger if exists fail_for_schedule on tasks`);
});

const quiet = () => {};

function generation(clock: ManualClock, catchUpLimit = 12) {
  return createGenerationPass({ db, clock, log: quiet, concurrency: 2, catchUpLimit });
}

async function ledgerOf(id: string) {
  return db
    .select()
    .from(schedulePeriods)
    .where(eq(schedulePeriods.scheduleId, id))
    .orderBy(asc(schedulePeriods.occurrenceAt));
}

async function tasksOf(id: string) {
  return db.select().from(tasks).where(eq(tasks.scheduleId, id)).orderBy(asc(tasks.occurrenceAt));
}

async function scheduleRow(id: string) {
  const [row] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, id));
  return row;
}

/** Makes every task insert of one schedule fail, as bad data or a broken constraint would. */
async function failTaskInserts(scheduleId: string, message: string) {
  await db.execute(
    sql.raw(`create or replace function fail_for_schedule() returns trigger language plpgsql as $$
      begin if new.schedule_id = '${scheduleId}' then raise exception '${message}'; end if; return new; end $$`),
  );
  await db.execute(
    sql`create trigger fail_for_schedule before insert on tasks for each row execute function fail_for_schedule()`,
  );
}

describe('periods as identity: recurrence edits', () => {
  it('an edit at 10:00 after the 08:00 run (08:00 → 14:00) makes no second task for March', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now());
    clock.set('2026-03-01T08:00:20Z');
    await generation(clock).run();
    const [march] = await tasksOf(id);
    expect(march).toMatchObject({
      title: 'Review — March 2026',
      periodKey: 'month:2026-03',
      generatedLate: false,
      lateReason: null,
    });

    const at = new Date('2026-03-01T10:00:00Z');
    const before = await scheduleRow(id);
    const refused = await updateSchedule(
      db,
      testActor,
      id,
      { version: before.version, timeOfDay: '14:00' },
      { now: at },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({
      confirmPeriodChange: `March 2026 already has its task TASK-${march.number}; the next task will be for April 2026. Save again to confirm.`,
    });
    expect(await scheduleRow(id)).toEqual(before);

    await updateSchedule(
      db,
      testActor,
      id,
      { version: before.version, timeOfDay: '14:00', confirmPeriodChange: true },
      { now: at },
    );
    clock.set('2026-03-01T14:00:30Z');
    await generation(clock).run();
    expect(await tasksOf(id)).toHaveLength(1);
    clock.set('2026-04-01T14:00:10Z');
    await generation(clock).run();
    const all = await tasksOf(id);
    expect(all.map((t) => [t.periodKey, t.occurrenceAt?.toISOString()])).toEqual([
      ['month:2026-03', '2026-03-01T08:00:00.000Z'],
      ['month:2026-04', '2026-04-01T14:00:00.000Z'],
    ]);
    expect((await ledgerOf(id)).map((p) => [p.periodKey, p.outcome])).toEqual([
      ['month:2026-03', 'task'],
      ['month:2026-04', 'task'],
    ]);
    const [logged] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, id), eq(activityLog.action, 'schedule.updated')));
    expect(logged.changes.nextPeriod).toEqual({
      old: 'April 2026 (Apr 1, 2026, 08:00 UTC)',
      new: 'April 2026 (Apr 1, 2026, 14:00 UTC)',
    });
  });

  it('the reverse edit (14:00 → 08:00 at 10:00) still gives March its task, on time, "recurrence changed"', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now(), { timeOfDay: '14:00' });
    const at = new Date('2026-03-01T10:00:00Z');
    clock.set(at);
    await generation(clock).run();
    const before = await scheduleRow(id);
    await updateSchedule(
      db,
      testActor,
      id,
      { version: before.version, timeOfDay: '08:00' },
      { now: at },
    );

    const [march] = await tasksOf(id);
    expect(march).toMatchObject({
      periodKey: 'month:2026-03',
      generatedLate: false,
      lateReason: null,
    });
    expect(march.occurrenceAt?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    // Due counted from the edit, not from 08:00 (which had passed when the task was made).
    expect(march.dueAt).toEqual(dueAtFor(at, 4, 'UTC'));
    expect(await ledgerOf(id)).toMatchObject([
      {
        periodKey: 'month:2026-03',
        outcome: 'task',
        taskId: march.id,
        reason: 'recurrence changed',
      },
    ]);
    const [logged] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, id), eq(activityLog.action, 'schedule.updated')));
    expect(logged.changes.currentPeriodTask).toEqual({
      old: null,
      new: `TASK-${march.number} (recurrence changed)`,
    });

    clock.set('2026-03-01T14:00:30Z');
    await generation(clock).run();
    clock.set('2026-04-01T08:00:30Z');
    await generation(clock).run();
    expect((await tasksOf(id)).map((t) => t.periodKey)).toEqual(['month:2026-03', 'month:2026-04']);
  });

  it('an edit that leaves the current period to the new rule (14:00 → 16:00 at 10:00) makes its task at 16:00, not at once', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      pattern: { kind: 'daily' },
      timeOfDay: '14:00',
    });
    const at = new Date('2026-03-01T10:00:00Z');
    clock.set(at);
    await generation(clock).run();
    const before = (await tasksOf(id)).length;
    const row = await scheduleRow(id);
    await updateSchedule(
      db,
      testActor,
      id,
      { version: row.version, timeOfDay: '16:00', endDate: '2026-12-31' },
      { now: at },
    );
    expect(await tasksOf(id)).toHaveLength(before);
    clock.set('2026-03-01T16:00:10Z');
    await generation(clock).run();
    const [today] = (await tasksOf(id)).filter((t) => t.periodKey === 'day:2026-03-01');
    expect(today).toMatchObject({ generatedLate: false });
    expect(today.occurrenceAt?.toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('yearly → daily on 1 June, worker back on 2 June: exactly the daily periods since the edit', async () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      pattern: { kind: 'yearly', month: 1, day: 15 },
    });
    clock.set('2026-01-15T08:00:05Z');
    await generation(clock).run();

    const at = new Date('2026-06-01T10:00:00Z');
    const before = await scheduleRow(id);
    const edit = { version: before.version, pattern: { kind: 'daily' as const } };
    await expect(updateSchedule(db, testActor, id, edit, { now: at })).rejects.toMatchObject({
      fieldErrors: {
        confirmPeriodChange:
          'Tasks will stand for a day instead of a year; the next task will be for 2 June 2026. Save again to confirm.',
      },
    });
    await updateSchedule(db, testActor, id, { ...edit, confirmPeriodChange: true }, { now: at });

    // The worker was down from before the edit until 2 June 12:00; a fresh generator starts.
    clock.set('2026-06-02T12:00:00Z');
    await generation(clock).run();
    expect((await ledgerOf(id)).map((p) => [p.periodKey, p.outcome])).toEqual([
      ['year:2026', 'task'],
      ['day:2026-06-02', 'task'],
    ]);
    const [, june2] = await tasksOf(id);
    expect(june2.lateReason).toBe('created 4 h after its occurrence: no worker was running');
    const repaired = await reconcilePeriods(db, {
      now: clock.now(),
      horizonMs: RECONCILE_HORIZON_MS,
      catchUpLimit: 12,
    });
    expect(repaired).toMatchObject({ tasks: 0, missed: 0 });
    expect(await ledgerOf(id)).toHaveLength(2);
  });

  it('pausing stops what is owed; resuming owes what follows the resume; both logged', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now(), { pattern: { kind: 'daily' } });
    const paused = await setScheduleActive(
      db,
      testActor,
      id,
      { version: 1, active: false },
      { now: new Date('2026-02-16T09:00:00Z') },
    );
    expect(paused).toMatchObject({ active: false, nextOccurrenceAt: null });
    // 15 and 16 February came before the pause: they were owed, and are accounted for.
    expect((await ledgerOf(id)).map((p) => p.periodKey)).toEqual([
      'day:2026-02-15',
      'day:2026-02-16',
    ]);

    await setScheduleActive(
      db,
      testActor,
      id,
      { version: paused.version, active: true },
      { now: new Date('2026-02-20T07:00:00Z') },
    );
    clock.set('2026-02-21T08:00:10Z');
    await generation(clock).run();
    expect((await ledgerOf(id)).map((p) => p.periodKey)).toEqual([
      'day:2026-02-15',
      'day:2026-02-16',
      'day:2026-02-20',
      'day:2026-02-21',
    ]);
    const logs = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.entityId, id))
      .orderBy(asc(activityLog.id));
    expect(logs.map((l) => l.action)).toEqual([
      'schedule.created',
      'schedule.paused',
      'schedule.resumed',
    ]);
    expect(logs[1].changes).toEqual({
      active: { old: true, new: false },
      nextPeriod: { old: '15 February 2026 (Feb 15, 2026, 08:00 UTC)', new: null },
    });
    expect(logs[2].changes.nextPeriod).toEqual({
      old: null,
      new: '20 February 2026 (Feb 20, 2026, 08:00 UTC)',
    });
  });

  it('a stale version is refused on edit, pause and resume, and the row is unchanged', async () => {
    const id = await createScheduleAt(db, new Date('2026-02-15T00:00:00Z'));
    const current = await updateSchedule(db, testActor, id, { version: 1, name: 'Renamed' });
    for (const attempt of [
      () => updateSchedule(db, testActor, id, { version: 1, name: 'Stale rename' }),
      () => setScheduleActive(db, testActor, id, { version: 1, active: false }),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(ConflictError);
      expect(await scheduleRow(id)).toEqual(current);
    }
    const paused = await setScheduleActive(db, testActor, id, {
      version: current.version,
      active: false,
    });
    await expect(
      setScheduleActive(db, testActor, id, { version: current.version, active: true }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await scheduleRow(id)).toEqual(paused);
  });
});

describe('failures and outages', () => {
  it('a generation that fails is retried; the period comes late with the error as its reason', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const failing = await createScheduleAt(db, clock.now(), { name: 'Failing' });
    const healthy = await createScheduleAt(db, clock.now(), { name: 'Healthy' });
    await failTaskInserts(failing, 'tasks are read-only during maintenance');
    clock.set('2026-03-01T08:00:10Z');
    const worker = generation(clock);
    await worker.run();
    expect(await tasksOf(healthy)).toHaveLength(1);
    expect(await tasksOf(failing)).toHaveLength(0);
    expect(await scheduleRow(failing)).toMatchObject({
      generationFailures: 1,
      lastGenerationError: 'tasks are read-only during maintenance',
    });

    await db.execute(sql`drop trigger fail_for_schedule on tasks`);
    clock.set('2026-03-01T11:12:10Z');
    await worker.run();
    const [march] = await tasksOf(failing);
    const reason =
      'created 3 h 12 min after its occurrence: generation failed: tasks are read-only during maintenance';
    expect(march).toMatchObject({
      periodKey: 'month:2026-03',
      generatedLate: true,
      lateReason: reason,
    });
    expect(await ledgerOf(failing)).toMatchObject([{ outcome: 'task', reason }]);
    expect(await scheduleRow(failing)).toMatchObject({
      generationFailures: 0,
      lastGenerationError: null,
    });
  });

  it('after 10 failures in a row the occurrence is recorded as missed with the error, and the next one is generated', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now());
    await failTaskInserts(id, 'owner column rejected');
    clock.set('2026-03-01T08:00:10Z');
    const worker = generation(clock);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(await ledgerOf(id)).toHaveLength(0);
      await worker.run();
      clock.advance(6 * 60_000); // past the longest back-off (5 min)
    }
    expect(await ledgerOf(id)).toMatchObject([
      {
        periodKey: 'month:2026-03',
        outcome: 'missed',
        taskId: null,
        reason: 'generation failed 10 times in a row: owner column rejected',
      },
    ]);
    expect(await scheduleRow(id)).toMatchObject({
      generationFailures: 0,
      nextOccurrenceAt: new Date('2026-04-01T08:00:00Z'),
    });

    await db.execute(sql`drop trigger fail_for_schedule on tasks`);
    clock.set('2026-04-01T08:00:10Z');
    await worker.run();
    expect((await ledgerOf(id)).map((p) => [p.periodKey, p.outcome])).toEqual([
      ['month:2026-03', 'missed'],
      ['month:2026-04', 'task'],
    ]);
  });

  it('a schedule that keeps failing backs off (5 s, then 10 s …) and does not hold up the others', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const failing = await createScheduleAt(db, clock.now(), { name: 'Failing' });
    const healthy = await createScheduleAt(db, clock.now(), { name: 'Healthy' });
    await failTaskInserts(failing, 'broken');
    const worker = generation(clock);
    const failuresAt = async (at: string) => {
      clock.set(at);
      await worker.run();
      return (await scheduleRow(failing)).generationFailures;
    };
    expect(await failuresAt('2026-03-01T08:00:10Z')).toBe(1);
    expect(await tasksOf(healthy)).toHaveLength(1);
    expect(await failuresAt('2026-03-01T08:00:12Z')).toBe(1);
    expect(await failuresAt('2026-03-01T08:00:16Z')).toBe(2);
    expect(await failuresAt('2026-03-01T08:00:25Z')).toBe(2);
    expect(await failuresAt('2026-03-01T08:00:27Z')).toBe(3);
  });

  it('a database that is shutting down or failing over is an outage, not a failure: nothing is counted, the next pass generates', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now(), { name: 'Outage' });
    // What PostgreSQL answers while it shuts down (57P01) and a replica before promotion
    // (25006), raised where the generation writes. (A real cut connection is not used here:
    // postgres.js 3.4.9 can throw an uncatchable error when its socket closes mid-write.)
    const worker = generation(clock);
    for (const [code, at] of [
      ['57P01', '2026-03-01T08:00:10Z'],
      ['25006', '2026-03-01T08:00:11Z'],
    ] as const) {
      await db.execute(sql`drop trigger if exists fail_for_schedule on tasks`);
      await db.execute(
        sql.raw(`create or replace function fail_for_schedule() returns trigger language plpgsql as $$
          begin if new.schedule_id = '${id}' then raise exception 'unavailable' using errcode = '${code}'; end if; return new; end $$`),
      );
      await db.execute(
        sql`create trigger fail_for_schedule before insert on tasks for each row execute function fail_for_schedule()`,
      );
      clock.set(at);
      await expect(worker.run()).rejects.toThrow();
      expect(await scheduleRow(id)).toMatchObject({
        generationFailures: 0,
        lastGenerationError: null,
      });
    }

    await db.execute(sql`drop trigger fail_for_schedule on tasks`);
    clock.set('2026-03-01T08:01:10Z');
    await worker.run(); // no back-off either: it is tried again at once
    expect(await tasksOf(id)).toMatchObject([{ periodKey: 'month:2026-03', generatedLate: false }]);
  });

  it('40 days without a worker: 40 periods accounted for, the latest 12 as late tasks, 28 recorded as missed', async () => {
    const clock = manualClock('2026-01-01T12:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      pattern: { kind: 'daily' },
      timeOfDay: '06:00',
    });
    clock.set('2026-02-10T07:00:00Z');
    await generation(clock).run();

    const ledger = await ledgerOf(id);
    expect(ledger).toHaveLength(40);
    expect(new Set(ledger.map((p) => p.periodKey)).size).toBe(40);
    expect(ledger[0].periodKey).toBe('day:2026-01-02');
    expect(ledger[39].periodKey).toBe('day:2026-02-10');
    const missed = ledger.filter((p) => p.outcome === 'missed');
    expect(missed.map((p) => p.periodKey)).toEqual(ledger.slice(0, 28).map((p) => p.periodKey));
    expect(missed[0].reason).toBe(
      'not generated in time (no worker was running); 40 periods were due at once and only the latest 12 became tasks (VIGIL_CATCH_UP_LIMIT)',
    );
    const made = await tasksOf(id);
    expect(made.map((t) => t.periodKey)).toEqual(ledger.slice(28).map((p) => p.periodKey));
    expect(made[0].lateReason).toBe(
      'created 11 days 1 h after its occurrence: no worker was running',
    );
    expect(made[11].lateReason).toBe('created 1 h after its occurrence: no worker was running');
    expect(await scheduleRow(id)).toMatchObject({
      accountedThrough: clock.now(),
      nextOccurrenceAt: new Date('2026-02-11T06:00:00Z'),
    });
  });

  it('two generators racing the same catch-up: every period once, as tasks and misses', async () => {
    const clock = manualClock('2026-01-01T12:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(
        await createScheduleAt(db, clock.now(), {
          name: `Raced ${i}`,
          pattern: { kind: 'daily' },
          timeOfDay: '06:00',
        }),
      );
    clock.set('2026-01-21T07:00:00Z'); // 20 periods each
    await Promise.all([generation(clock).run(), generation(clock).run()]);

    const [ledger] = await db
      .select({
        rows: count(),
        periods: countDistinct(sql`(${schedulePeriods.scheduleId}, ${schedulePeriods.periodKey})`),
      })
      .from(schedulePeriods)
      .where(inArray(schedulePeriods.scheduleId, ids));
    expect(ledger).toEqual({ rows: 200, periods: 200 });
    const [made] = await db
      .select({
        rows: count(),
        periods: countDistinct(sql`(${tasks.scheduleId}, ${tasks.periodKey})`),
      })
      .from(tasks)
      .where(inArray(tasks.scheduleId, ids));
    expect(made).toEqual({ rows: 120, periods: 120 });
  });
});

describe('the unique keys, beneath the row lock', () => {
  it('decide a race between two transactions writing the same periods: one row each, the loser writes nothing', async () => {
    const id = await createScheduleAt(db, new Date('2026-01-01T12:00:00Z'), {
      name: 'Unlocked',
      pattern: { kind: 'daily' },
      timeOfDay: '06:00',
    });
    const schedule = await scheduleRow(id);
    const now = new Date('2026-01-16T07:00:00Z');
    const occurrences = occurrencesBetween(schedule.rrule, schedule.accountedThrough, now); // 15: 12 tasks, 3 misses
    const account = (tx: Tx) =>
      accountForOccurrences(tx, schedule, occurrences, {
        now,
        cause: { kind: 'no-worker' },
        catchUpLimit: 12,
      });

    // The first writes and stays open; the second checks the ledger (empty to it) and blocks
    // on the first task's unique key; only then does the first commit.
    let wrote!: () => void;
    let commit!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const gate = new Promise<void>((resolve) => (commit = resolve));
    const first = db.transaction(async (tx) => {
      const result = await account(tx);
      wrote();
      await gate;
      return result;
    });
    await written;
    const second = db.transaction(account);
    const waiting = async () => {
      const rows = await db.execute(
        sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return rows.length > 0;
    };
    while (!(await waiting())) await new Promise((resolve) => setTimeout(resolve, 20));
    commit();

    expect(await first).toEqual({ tasks: 12, missed: 3 });
    await second;
    expect(await ledgerOf(id)).toHaveLength(15);
    expect(await tasksOf(id)).toHaveLength(12);
  });
});

describe('reconciliation', () => {
  it('repairs periods the cursor passed without a row: late tasks "found missing by reconciliation", misses beyond the limit', async () => {
    const clock = manualClock('2026-01-01T12:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      pattern: { kind: 'daily' },
      timeOfDay: '06:00',
    });
    clock.set('2026-01-05T12:00:00Z');
    await generation(clock).run();
    expect(await ledgerOf(id)).toHaveLength(4);
    // A cursor that moved on without writing the periods it passed (6 … 20 January).
    await db
      .update(taskSchedules)
      .set({
        accountedThrough: new Date('2026-01-20T12:00:00Z'),
        nextOccurrenceAt: new Date('2026-01-21T06:00:00Z'),
      })
      .where(eq(taskSchedules.id, id));

    clock.set('2026-01-20T12:30:00Z');
    const result = await reconcilePeriods(db, {
      now: clock.now(),
      horizonMs: RECONCILE_HORIZON_MS,
      catchUpLimit: 12,
    });
    expect(result).toMatchObject({ differing: 1, repaired: 1, tasks: 12, missed: 3 });
    const ledger = await ledgerOf(id);
    expect(ledger).toHaveLength(19);
    expect(ledger.filter((p) => p.outcome === 'missed').map((p) => p.periodKey)).toEqual([
      'day:2026-01-06',
      'day:2026-01-07',
      'day:2026-01-08',
    ]);
    const [jan9] = (await tasksOf(id)).filter((t) => t.periodKey === 'day:2026-01-09');
    expect(jan9.lateReason).toBe(
      'created 11 days 6 h after its occurrence: found missing by reconciliation',
    );

    expect(
      await reconcilePeriods(db, {
        now: clock.now(),
        horizonMs: RECONCILE_HORIZON_MS,
        catchUpLimit: 12,
      }),
    ).toMatchObject({ differing: 0, repaired: 0 });
  });

  it('racing an on-time generation by seconds, it never makes the task "late"', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now());
    clock.set('2026-03-01T08:00:20Z');
    const [reconciled] = await Promise.all([
      reconcilePeriods(db, { now: clock.now(), horizonMs: RECONCILE_HORIZON_MS, catchUpLimit: 12 }),
      generation(clock).run(),
    ]);
    expect(reconciled).toMatchObject({ tasks: 0, missed: 0 });
    expect(await tasksOf(id)).toMatchObject([
      { periodKey: 'month:2026-03', generatedLate: false, lateReason: null },
    ]);
  });
});

describe('"Generate now" and owners', () => {
  it('creates the current period once; the generator then leaves that period alone', async () => {
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now(), { pattern: { kind: 'daily' } });
    const now = new Date('2026-02-15T09:00:00Z');
    const first = await generateNow(db, testActor, id, now);
    const second = await generateNow(db, testActor, id, now);
    expect(first.created).toBe(true);
    expect(second).toEqual({ task: first.task, created: false });
    clock.set('2026-02-16T08:00:30Z');
    await generation(clock).run();
    expect((await tasksOf(id)).map((t) => t.periodKey)).toEqual([
      'day:2026-02-15',
      'day:2026-02-16',
    ]);
    const justin = {
      kind: 'user' as const,
      userId: '00000000-0000-4000-8000-000000000000',
      name: 'Justin',
      email: 'j@example.com',
      role: 'user' as const,
    };
    await expect(generateNow(db, justin, id)).rejects.toThrow('permission');
  });

  it("a deactivated owner: the task goes to the administrators' choice and says why", async () => {
    const [admin] = await db
      .insert(users)
      .values({
        email: 'first-admin@example.com',
        name: 'First Admin',
        role: 'admin',
        createdAt: new Date('2020-01-01T00:00:00Z'),
      })
      .returning();
    const [owner] = await db
      .insert(users)
      .values({ email: 'leaver@example.com', name: 'Leaver', role: 'user' })
      .returning();
    const clock = manualClock('2026-02-15T00:00:00Z');
    const id = await createScheduleAt(db, clock.now(), { owner: `user:${owner.id}` });
    await db.update(users).set({ active: false }).where(eq(users.id, owner.id));
    clock.set('2026-03-01T08:00:10Z');
    await generation(clock).run();
    const [march] = await tasksOf(id);
    const [created] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, march.id), eq(activityLog.action, 'task.created')));
    expect(march.ownerUserId).toBe(admin.id);
    expect(created.changes.ownerFallback?.new).toMatch(
      /^Leaver is deactivated; the task went to First Admin/,
    );
  });
});
