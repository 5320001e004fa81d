import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, count, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { outbox, schedulePeriods, taskSchedules, tasks } from '@/db/schema';
import { startWorker, type RunningWorker } from '@/jobs/start-worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTestRedis, type TestRedis } from '../support/redis';
import { createScheduleAt, createSchedules } from '../support/schedule-fixtures';
import { forkWorkerChild } from '../support/worker-fixtures';

// The generator inside real workers (in this process and in child processes), with real
// PostgreSQL, Redis and BullMQ. Generation needs only PostgreSQL: Redis can be flushed or
// hold stale state from an older Vigil, workers can be killed, and every period is still
// generated exactly once.

let test: TestDatabase;
let db: Db;
const workers: RunningWorker[] = [];
const children: ChildProcess[] = [];
const redises: TestRedis[] = [];

beforeAll(async () => {
  test = await createTestDatabase({ max: 10 });
  db = test.db;
});
afterAll(async () => {
  await test?.drop();
  await Promise.all(redises.map((r) => r.flush()));
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Each test has its own schedules; stop the earlier ones generating into the next test.
  await db.update(taskSchedules).set({ active: false, nextOccurrenceAt: null });
});

/** A fresh Redis key space per test: a worker of an earlier test leaves nothing behind. */
function freshRedis(): TestRedis {
  const redis = createTestRedis();
  redises.push(redis);
  return redis;
}

async function start(redis: TestRedis, concurrency = 4): Promise<RunningWorker> {
  const worker = await startWorker({
    databaseUrl: test.url,
    redisUrl: redis.url,
    prefix: redis.prefix,
    concurrency,
  });
  workers.push(worker);
  return worker;
}

function forkWorker(redis: TestRedis): ChildProcess {
  const child = forkWorkerChild(test.url, redis, { VIGIL_WORKER_CONCURRENCY: '2' });
  children.push(child);
  return child;
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

async function taskCounts(ids: string[]): Promise<{ total: number; distinct: number }> {
  const [row] = await db
    .select({
      total: count(),
      distinct: countDistinct(sql`(${tasks.scheduleId}, ${tasks.periodKey})`),
    })
    .from(tasks)
    .where(inArray(tasks.scheduleId, ids));
  return { total: Number(row.total), distinct: Number(row.distinct) };
}

async function ledgerCounts(
  ids: string[],
): Promise<{ total: number; tasks: number; missed: number }> {
  const [row] = await db
    .select({
      total: count(),
      tasks: sql<number>`count(*) filter (where ${schedulePeriods.outcome} = 'task')`.mapWith(
        Number,
      ),
      missed: sql<number>`count(*) filter (where ${schedulePeriods.outcome} = 'missed')`.mapWith(
        Number,
      ),
    })
    .from(schedulePeriods)
    .where(inArray(schedulePeriods.scheduleId, ids));
  return { total: Number(row.total), tasks: row.tasks, missed: row.missed };
}

/** Schedules whose cursor is `days` daily periods in the past: a catch-up waiting for the first worker. */
async function overdueDailySchedules(n: number, days: number, name: string): Promise<string[]> {
  const since = new Date(Date.now() - days * 86_400_000 - 60_000);
  const timeOfDay = since.toISOString().slice(11, 16);
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      await createScheduleAt(db, since, {
        name: `${name} ${i + 1}`,
        pattern: { kind: 'daily' },
        timeOfDay,
      }),
    );
  return ids;
}

describe('generation in the worker', () => {
  it('creates one task per occurrence with two workers running, on time, notified through the outbox', async () => {
    const redis = freshRedis();
    const ids = await createSchedules(db, 40, { firesInMs: 3_000, name: 'Two workers' });
    await Promise.all([start(redis, 4), start(redis, 4)]);
    await waitFor(
      'a task for every schedule',
      async () => (await taskCounts(ids)).total >= ids.length,
      20_000,
    );
    expect(await taskCounts(ids)).toEqual({ total: ids.length, distinct: ids.length });
    expect(await ledgerCounts(ids)).toEqual({ total: ids.length, tasks: ids.length, missed: 0 });

    const [task] = await db.select().from(tasks).where(eq(tasks.scheduleId, ids[0]));
    expect(task.title).toMatch(/^Two workers 1 — \w+ \d{4}$/); // named for the schedule's (monthly) period
    expect(task.generatedLate).toBe(false);
    // Due four days after the occurrence, at the end of that day in the schedule's zone (UTC).
    const due = new Date(task.occurrenceAt!);
    due.setUTCDate(due.getUTCDate() + 4);
    due.setUTCHours(23, 59, 59, 999);
    expect(task.dueAt?.toISOString()).toBe(due.toISOString());
    const [opened] = await db
      .select({ n: count() })
      .from(outbox)
      .where(
        and(eq(outbox.topic, 'task.opened'), sql`${outbox.payload}->>'entityId' = ${task.id}`),
      );
    expect(Number(opened.n)).toBe(1);
    // Both cursors moved past the occurrence.
    const [cursor] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, ids[0]));
    expect(cursor.nextOccurrenceAt!.getTime()).toBe(task.occurrenceAt!.getTime() + 86_400_000);
  });

  it('keeps generating after its Redis is flushed while it runs', async () => {
    const redis = freshRedis();
    await start(redis);
    await redis.flush(); // every key of this worker's Redis key space gone, as after FLUSHALL
    const ids = await createSchedules(db, 3, { firesInMs: 1_500, name: 'After flush' });
    await waitFor(
      'the tasks of the occurrence after the flush',
      async () => (await taskCounts(ids)).total >= ids.length,
      15_000,
    );
    expect(await taskCounts(ids)).toEqual({ total: 3, distinct: 3 });
    const made = await db.select().from(tasks).where(inArray(tasks.scheduleId, ids));
    expect(made.every((t) => !t.generatedLate)).toBe(true);
  });

  it(
    'two worker processes starting on the same catch-up: every period once',
    { timeout: 90_000 },
    async () => {
      const redis = freshRedis();
      const ids = await overdueDailySchedules(10, 15, 'Two processes');
      forkWorker(redis);
      forkWorker(redis);
      await waitFor(
        'every period accounted for',
        async () => (await ledgerCounts(ids)).total >= 150,
        60_000,
      );
      expect(await ledgerCounts(ids)).toEqual({ total: 150, tasks: 120, missed: 30 });
      expect(await taskCounts(ids)).toEqual({ total: 120, distinct: 120 });
    },
  );

  it(
    'has no gap and no duplicate after a worker is killed with SIGKILL while generating',
    { timeout: 90_000 },
    async () => {
      const redis = freshRedis();
      const ids = await createSchedules(db, 300, { firesInMs: 4_000, name: 'Killed' });
      const child = forkWorker(redis);
      await waitFor(
        'some but not all tasks',
        async () => (await taskCounts(ids)).total >= 5,
        40_000,
      );
      child.kill('SIGKILL');
      await new Promise((resolve) =>
        child.exitCode !== null || child.signalCode !== null
          ? resolve(null)
          : child.once('exit', resolve),
      );
      const atKill = (await taskCounts(ids)).total;
      expect(atKill).toBeLessThan(ids.length);

      await start(redis);
      await waitFor(
        'a task for every schedule',
        async () => (await taskCounts(ids)).total >= ids.length,
        40_000,
      );
      expect(await taskCounts(ids)).toEqual({ total: ids.length, distinct: ids.length });
      expect(await ledgerCounts(ids)).toEqual({ total: ids.length, tasks: ids.length, missed: 0 });
    },
  );

  it('removes an older Vigil’s per-schedule Job Schedulers and completes their queued jobs harmlessly', async () => {
    const redis = freshRedis();
    const [id] = await createSchedules(db, 1, { name: 'Legacy' });
    const first = await start(redis);
    await first.queue.upsertJobScheduler(
      `schedule:${id}`,
      { every: 3_600_000 },
      { name: 'schedules.generate-occurrence', data: { scheduleId: id } },
    );
    const legacyJob = await first.queue.add('schedules.sync-scheduler', { scheduleId: id });
    await waitFor(
      'the old job to complete',
      async () => (await legacyJob.getState()) === 'completed',
      15_000,
    );
    await first.close();
    workers.splice(workers.indexOf(first), 1);

    const second = await start(redis);
    const schedulers = await second.queue.getJobSchedulers(0, -1, true);
    expect(schedulers.map((s) => s.key).filter((key) => key.startsWith('schedule:'))).toEqual([]);
    expect(await db.select().from(tasks).where(eq(tasks.scheduleId, id))).toEqual([]);
  });
});
