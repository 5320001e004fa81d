import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { taskSchedules, tasks } from '../../db/schema';
import { startWorker } from '../../jobs/start-worker';
import { nextOccurrence, toRruleString, WEEKDAYS, type RecurrencePattern } from '../../lib/schedules/recurrence';
import { startEmbeddedRedis } from '../embedded/redis';
import { openBenchDatabase, percentile } from './bench-database';
import { BENCH_MAIL } from './bench-mail';

// npm run bench -- schedules
// 10,000 active schedules, 1,000 of them due in the same minute:
//  1. reconciling 10,000 Job Schedulers when a worker starts (target < 30 s);
//  2. one worker: how long after its occurrence each of the 1,000 tasks exists (target ≤ 10 s);
//  3. three worker processes: duplicates (target 0) and the same lateness figures.
// Figures only; nothing here fails on a time.

const TOTAL = 10_000;
const SAME_MINUTE = 1_000;
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Europe/London', 'UTC'];

function ruleAt(at: Date): string {
  const iso = at.toISOString();
  return `DTSTART;TZID=UTC:${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 19).replaceAll(':', '')}\nRRULE:FREQ=DAILY`;
}

/** The start of the first whole minute at least `leadMs` from now. */
function minuteAfter(leadMs: number): Date {
  const at = new Date(Date.now() + leadMs);
  at.setUTCSeconds(0, 0);
  return new Date(at.getTime() + 60_000);
}

async function seed(db: Db): Promise<string[]> {
  const today = new Date().getUTCDate();
  const rows = [];
  for (let i = 0; i < TOTAL; i++) {
    // The 9,000 others: monthly and weekly rules in several zones, none due during the run.
    let day = 1 + (i % 28);
    if (Math.abs(day - today) <= 1) day = ((today + 5) % 28) + 1;
    const weekday = WEEKDAYS[(new Date().getUTCDay() + 2 + (i % 4)) % 7];
    const pattern: RecurrencePattern = i % 3 === 0 ? { kind: 'weekly', interval: 1 + (i % 3), weekdays: [weekday] } : { kind: 'monthly-day', day };
    const recurrence = {
      pattern,
      timeOfDay: `${String(6 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
      timeZone: ZONES[i % ZONES.length],
      startDate: '2026-01-01',
      endDate: null,
    };
    const rrule = toRruleString(recurrence);
    const now = new Date();
    rows.push({
      name: `Bench schedule ${i + 1}`,
      description: 'Benchmark',
      ...recurrence,
      rrule,
      // The generation cursor, as createSchedule sets it.
      ruleEffectiveAt: now,
      accountedThrough: now,
      nextOccurrenceAt: nextOccurrence(rrule, now),
      dueInDays: 3,
      tags: ['bench'],
      active: true,
      activatedAt: new Date(),
    });
  }
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    const inserted = await db.insert(taskSchedules).values(rows.slice(i, i + 1_000)).returning({ id: taskSchedules.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids.slice(0, SAME_MINUTE);
}

/** Spread over one minute: second (i mod 60) of `minute`. */
async function dueInMinute(db: Db, ids: string[], minute: Date): Promise<Date> {
  await db.execute(sql`select 1`);
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    await Promise.all(
      chunk.map((id, j) => {
        const at = new Date(minute.getTime() + ((i + j) % 60) * 1000);
        return db.update(taskSchedules).set({ rrule: ruleAt(at), nextOccurrenceAt: at }).where(eq(taskSchedules.id, id));
      }),
    );
  }
  return new Date(minute.getTime() + 59_000);
}

async function lateness(db: Db, ids: string[], minute: Date): Promise<{ count: number; duplicates: number; p50: number; p95: number; max: number }> {
  const from = minute;
  const to = new Date(minute.getTime() + 60_000);
  const rows = await db
    .select({ lagMs: sql<number>`extract(epoch from ${tasks.createdAt} - ${tasks.occurrenceAt}) * 1000` })
    .from(tasks)
    .where(and(inArray(tasks.scheduleId, ids), sql`${tasks.occurrenceAt} >= ${from.toISOString()} and ${tasks.occurrenceAt} < ${to.toISOString()}`));
  const [dup] = await db.execute<{ n: number }>(
    sql`select coalesce(sum(n - 1), 0)::int as n from (select count(*) as n from tasks where schedule_id is not null group by schedule_id, occurrence_at) t`,
  );
  const lags = rows.map((r) => Number(r.lagMs)).sort((a, b) => a - b);
  return { count: lags.length, duplicates: dup.n, p50: percentile(lags, 50) ?? NaN, p95: percentile(lags, 95) ?? NaN, max: lags[lags.length - 1] ?? NaN };
}

async function waitForTasks(db: Db, ids: string[], minute: Date, deadline: Date): Promise<void> {
  while (Date.now() < deadline.getTime()) {
    const { count } = await lateness(db, ids, minute);
    if (count >= ids.length) return;
    await sleep(500);
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const database = await openBenchDatabase();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-redis-'));
  const redis = await startEmbeddedRedis({ dir: scratch });
  const db = createDb(database.url, { max: 10 });
  const children: ChildProcess[] = [];
  try {
    console.log(`Seeding ${TOTAL.toLocaleString('en-US')} active schedules…`);
    const sameMinute = await seed(db);

    // 1 and 2: one worker. Its start reconciles every scheduler (cold: nothing in Redis).
    const minute1 = minuteAfter(75_000);
    const last1 = await dueInMinute(db, sameMinute, minute1);
    const started = Date.now();
    const worker = await startWorker({ databaseUrl: database.url, redisUrl: redis.url, prefix: 'bench1', concurrency: 4, mail: BENCH_MAIL });
    const reconcileMs = Date.now() - started;
    const schedulers = await worker.queue.getJobSchedulersCount();
    console.log(`\nWorker start, reconciling ${schedulers.toLocaleString('en-US')} Job Schedulers from PostgreSQL: ${s(reconcileMs)} (target < 30 s)`);
    console.log(`Waiting for ${SAME_MINUTE} occurrences between ${minute1.toISOString()} and ${last1.toISOString()} (one worker, concurrency 4)…`);
    await waitForTasks(db, sameMinute, minute1, new Date(last1.getTime() + 60_000));
    const one = await lateness(db, sameMinute, minute1);
    console.log(
      `One worker: ${one.count}/${SAME_MINUTE} tasks; time from occurrence to task: median ${s(one.p50)}, p95 ${s(one.p95)}, max ${s(one.max)} (target ≤ 10 s); duplicates ${one.duplicates}`,
    );
    await worker.close();

    // 3: three worker processes on a second minute; Redis kept, so each start re-upserts.
    const minute2 = minuteAfter(90_000);
    const last2 = await dueInMinute(db, sameMinute, minute2);
    const starts = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<number>((resolve, reject) => {
            const child = fork(path.join(import.meta.dirname, 'worker-child.ts'), [], {
              execArgv: ['--import', 'tsx'],
              env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: redis.url, BENCH_PREFIX: 'bench1', VIGIL_WORKER_CONCURRENCY: '4', VIGIL_DEBUG: '' },
              stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            });
            children.push(child);
            child.once('message', (m) => resolve((m as { started: number }).started));
            child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
          }),
      ),
    );
    console.log(`\nThree worker processes started (each reconciles 10,000 schedulers): ${starts.map(s).join(', ')}`);
    console.log(`Waiting for ${SAME_MINUTE} occurrences between ${minute2.toISOString()} and ${last2.toISOString()}…`);
    await waitForTasks(db, sameMinute, minute2, new Date(last2.getTime() + 60_000));
    await sleep(3_000); // time for a duplicate, were one possible, to appear
    const three = await lateness(db, sameMinute, minute2);
    console.log(
      `Three workers: ${three.count}/${SAME_MINUTE} tasks; median ${s(three.p50)}, p95 ${s(three.p95)}, max ${s(three.max)}; duplicates ${three.duplicates} (target 0)`,
    );
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from tasks`);
    console.log(`\nTasks in all: ${n} (expected ${SAME_MINUTE * 2})`);
  } finally {
    for (const child of children) {
      if (child.exitCode === null) {
        child.removeAllListeners('exit');
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
    await db.close();
    await redis.stop();
    rmSync(scratch, { recursive: true, force: true });
    await database.close();
  }
}
