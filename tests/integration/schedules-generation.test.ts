import { fork, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, count, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, outbox, taskSchedules, tasks } from '@/db/schema';
import { repeatStrategy } from '@/jobs/schedules';
import { startWorker, type RunningWorker } from '@/jobs/start-worker';
import { generateNow, MAX_CATCH_UP } from '@/lib/schedules/generate';
import { schedulerIdFor } from '@/lib/schedules/scheduler-sync';
import { updateSchedule } from '@/lib/schedules/update-schedule';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTestRedis, type TestRedis } from '../support/redis';
import { createSchedules, testActor } from '../support/schedule-fixtures';

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
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Each test has its own schedules; stop the earlier ones firing into the next test.
  await db.update(taskSchedules).set({ active: false });
});

/** A fresh Redis key space per test: a worker of an earlier test leaves nothing behind. */
function freshRedis(): TestRedis {
  const redis = createTestRedis();
  redises.push(redis);
  return redis;
}

async function start(redis: TestRedis, concurrency = 4): Promise<RunningWorker> {
  const worker = await startWorker({ databaseUrl: test.url, redisUrl: redis.url, prefix: redis.prefix, concurrency });
  workers.push(worker);
  return worker;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

async function taskCounts(ids: string[]): Promise<{ total: number; distinct: number }> {
  const [row] = await db
    .select({ total: count(), distinct: countDistinct(sql`(${tasks.scheduleId}, ${tasks.occurrenceAt})`) })
    .from(tasks)
    .where(inArray(tasks.scheduleId, ids));
  return { total: Number(row.total), distinct: Number(row.distinct) };
}

async function schedulerIds(worker: RunningWorker): Promise<Set<string>> {
  return new Set((await worker.queue.getJobSchedulers(0, -1, true)).map((s) => s.key));
}

describe('the RRULE repeat strategy', () => {
  it('answers the next occurrence strictly after the given time, and leaves cron patterns to BullMQ', async () => {
    const rrule = 'DTSTART;TZID=America/New_York:20260301T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31,-1;BYSETPOS=1';
    const next = await repeatStrategy(Date.parse('2026-03-31T13:00:00Z'), { pattern: rrule });
    expect(new Date(next!).toISOString()).toBe('2026-04-30T13:00:00.000Z');
    const cron = await repeatStrategy(Date.parse('2026-03-31T13:00:00Z'), { pattern: '0 * * * *' });
    expect(new Date(cron!).toISOString()).toBe('2026-03-31T14:00:00.000Z');
  });
});

describe('generation, exactly once', () => {
  it('creates one task per occurrence with two workers running', { timeout: 60_000 }, async () => {
    const redis = freshRedis();
    const ids = await createSchedules(db, 40, { firesInMs: 3_000, name: 'Two workers' });
    await Promise.all([start(redis, 4), start(redis, 4)]);
    await waitFor('a task for every schedule', async () => (await taskCounts(ids)).total >= ids.length, 20_000);
    await sleep(1_500); // time for any duplicate to show up
    expect(await taskCounts(ids)).toEqual({ total: ids.length, distinct: ids.length });

    const [task] = await db.select().from(tasks).where(eq(tasks.scheduleId, ids[0]));
    expect(task.title).toMatch(/^Two workers 1 — \w+ \d{4}$/); // named for the schedule's (monthly) period
    expect(task.generatedLate).toBe(false);
    // Due four days after the occurrence, at the end of that day in the schedule's zone (UTC).
    const due = new Date(task.occurrenceAt!);
    due.setUTCDate(due.getUTCDate() + 4);
    due.setUTCHours(23, 59, 59, 999);
    expect(task.dueAt?.toISOString()).toBe(due.toISOString());
    // Notified through the outbox, in the task's transaction.
    const [opened] = await db.select({ n: count() }).from(outbox).where(and(eq(outbox.topic, 'task.opened'), sql`${outbox.payload}->>'entityId' = ${task.id}`));
    expect(Number(opened.n)).toBe(1);
  });

  it('has no gap and no duplicate after a worker is killed with SIGKILL while generating', { timeout: 90_000 }, async () => {
    const redis = freshRedis();
    const ids = await createSchedules(db, 300, { firesInMs: 4_000, name: 'Killed' });
    const child = fork('tests/support/worker-child.ts', [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: test.url, REDIS_URL: redis.url, VIGIL_TEST_PREFIX: redis.prefix, VIGIL_WORKER_CONCURRENCY: '2' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    await waitFor('some but not all tasks', async () => {
      const { total } = await taskCounts(ids);
      return total >= 5;
    }, 40_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    const atKill = (await taskCounts(ids)).total;
    expect(atKill).toBeLessThan(ids.length);

    await start(redis); // catches up at start: every missed occurrence is created late
    await waitFor('a task for every schedule', async () => (await taskCounts(ids)).total >= ids.length, 40_000);
    await sleep(1_000);
    expect(await taskCounts(ids)).toEqual({ total: ids.length, distinct: ids.length });
  });

  it('puts every active schedule back after Redis is emptied and the worker restarts', { timeout: 60_000 }, async () => {
    const redis = freshRedis();
    const ids = await createSchedules(db, 25, { name: 'Flushed' });
    const paused = ids.slice(0, 5);
    await db.update(taskSchedules).set({ active: false }).where(inArray(taskSchedules.id, paused));
    const first = await start(redis);
    const before = await schedulerIds(first);
    for (const id of ids) expect(before.has(schedulerIdFor(id))).toBe(!paused.includes(id));
    await first.close();
    workers.splice(workers.indexOf(first), 1);

    await redis.flush(); // every key of this Redis key space gone, as after FLUSHALL
    const second = await start(redis);
    const after = await schedulerIds(second);
    for (const id of ids) expect(after.has(schedulerIdFor(id))).toBe(!paused.includes(id));
    // Each scheduler's next run is the schedule's next occurrence (1st of a month, 08:00 UTC).
    const scheduler = await second.queue.getJobScheduler(schedulerIdFor(ids[10]));
    expect(new Date(scheduler!.next!).toISOString()).toMatch(/-01T08:00:00\.000Z$/);
  });

  it('pausing removes the scheduler and keeps the tasks; resuming brings it back', { timeout: 60_000 }, async () => {
    const redis = freshRedis();
    const [id] = await createSchedules(db, 1, { name: 'Paused' });
    const worker = await start(redis);
    const { task } = await generateNow(db, testActor, id);
    expect((await schedulerIds(worker)).has(schedulerIdFor(id))).toBe(true);

    const [schedule] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, id));
    const pausedRow = await updateSchedule(db, testActor, id, { version: schedule.version, active: false });
    await waitFor('the scheduler to be removed', async () => !(await schedulerIds(worker)).has(schedulerIdFor(id)), 20_000);
    const kept = await db.select().from(tasks).where(eq(tasks.scheduleId, id));
    expect(kept.map((t) => t.id)).toEqual([task.id]);
    const [log] = await db.select().from(activityLog).where(and(eq(activityLog.entityId, id), eq(activityLog.action, 'schedule.paused')));
    expect(log.changes).toEqual({ active: { old: true, new: false } });

    // Editing the recurrence never rewrites the task already generated.
    await updateSchedule(db, testActor, id, { version: pausedRow.version, active: true, pattern: { kind: 'monthly-last-day' }, timeOfDay: '17:00' });
    await waitFor('the scheduler to return', async () => (await schedulerIds(worker)).has(schedulerIdFor(id)), 20_000);
    const [unchanged] = await db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(unchanged).toEqual(task);
  });

  it('"Generate now" creates the current period once, and only for those allowed', async () => {
    const [id] = await createSchedules(db, 1, { name: 'Now' });
    const first = await generateNow(db, testActor, id);
    const second = await generateNow(db, testActor, id);
    expect(first.created).toBe(true);
    expect(second).toEqual({ task: first.task, created: false });
    const justin = { kind: 'user' as const, userId: '00000000-0000-4000-8000-000000000000', name: 'Justin', email: 'j@example.com', role: 'user' as const };
    await expect(generateNow(db, justin, id)).rejects.toThrow('permission');
  });

  it('catches up missed occurrences at start, at most 12 per schedule, marked late', { timeout: 60_000 }, async () => {
    const redis = freshRedis();
    const now = Date.now();
    const [monthly] = await createSchedules(db, 1, { name: 'Monthly missed', activatedAt: new Date(now - 95 * 86_400_000) });
    const [daily] = await createSchedules(db, 1, { name: 'Daily missed', activatedAt: new Date(now - 40 * 86_400_000) });
    await db.update(taskSchedules).set({ rrule: 'DTSTART;TZID=UTC:20260101T060000\nRRULE:FREQ=DAILY' }).where(eq(taskSchedules.id, daily));
    await start(redis);
    const monthlyTasks = await db.select().from(tasks).where(eq(tasks.scheduleId, monthly));
    expect(monthlyTasks.length).toBeGreaterThanOrEqual(3);
    expect(monthlyTasks.every((t) => t.generatedLate)).toBe(true);
    const dailyTasks = await db.select().from(tasks).where(eq(tasks.scheduleId, daily));
    expect(dailyTasks).toHaveLength(MAX_CATCH_UP);
    // The latest twelve, ending with today's (or yesterday's) run.
    const newest = Math.max(...dailyTasks.map((t) => t.occurrenceAt!.getTime()));
    expect(now - newest).toBeLessThan(86_400_000);
  });
});
