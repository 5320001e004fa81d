import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { devMailbox, outbox } from '@/db/schema';
import { FIXED_SCHEDULERS } from '@/jobs/all-jobs';
import { checkResponseTargetsJob } from '@/jobs/check-response-targets';
import { checkTaskRemindersJob } from '@/jobs/check-task-reminders';
import { defineJob, type JobDefinition } from '@/jobs/registry';
import { startWorker, type RunningWorker, type WorkerOptions } from '@/jobs/start-worker';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { startSmtpServer } from '../support/mail-servers';
import { startRedisServer, type RedisServer } from '../support/redis';
import { waitFor } from '../support/wait-for';
import { incidentClosedEmail } from '../support/worker-fixtures';
import { setUpWorkerTestServices } from '../support/test-database-hooks';

const MAIL = { publicUrl: 'https://vigil.test', authSecret: 'lanes-test-secret-'.padEnd(40, 'z') };
const RECORD = 'test.record-run';
const SLOW = 'test.slow-job';

let db: Db;
const workers: RunningWorker[] = [];
const ran: string[] = [];

const recordRunJob = defineJob({
  name: RECORD,
  schema: z.object({ marker: z.string() }),
  async handle({ marker }) {
    ran.push(marker);
  },
});

// A main-queue job that takes its time, as a big reconcile or an export does.
const slowJob = defineJob({
  name: SLOW,
  schema: z.object({}).passthrough(),
  handle: () => sleep(400),
});

type Run = { name: string; lagMs: number };

/** The real check jobs, recording how late each run started against its scheduled instant. */
function timed(definition: JobDefinition, runs: Run[]): JobDefinition {
  return {
    ...definition,
    async handle(payload, context, job) {
      const scheduled = Number(/:(\d+)$/.exec(job.id ?? '')?.[1]);
      runs.push({ name: definition.name, lagMs: Date.now() - scheduled });
      return definition.handle(payload, context, job);
    },
  };
}

/** The fixed schedulers, firing every second instead of every minute. */
const FAST_SCHEDULERS = FIXED_SCHEDULERS.map((s) => ({ ...s, every: 1_000 }));

const { test, redis } = setUpWorkerTestServices(6, (created) => (db = created.db));
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

async function start(options: Partial<WorkerOptions>): Promise<RunningWorker> {
  const worker = await startWorker({
    databaseUrl: test.url,
    redisUrl: redis.url,
    prefix: redis.prefix,
    concurrency: 2,
    jobs: [recordRunJob],
    ...options,
  });
  workers.push(worker);
  return worker;
}

describe('a Redis outage', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());

  it(
    'delays only job rows: email still goes out over SMTP, the job goes out once Redis is back',
    { timeout: 60_000 },
    async () => {
      const smtp = await startSmtpServer();
      try {
        await start({
          redisUrl: server.url,
          mail: { ...MAIL, smtp: { url: smtp.url, from: 'vigil@bank.test' } },
        });
        await server.stop();

        const [jobId, emailId] = await db.transaction((tx) =>
          enqueueOutbox(
            tx,
            { kind: 'job', topic: RECORD, payload: { marker: 'after-outage' } },
            {
              kind: 'email',
              topic: 'incident-closed',
              payload: incidentClosedEmail('dana@bank.test', 9, 'Lanes'),
            },
          ),
        );
        await waitFor(
          'the email sent while Redis is down',
          async () => {
            const [row] = await db.select().from(outbox).where(eq(outbox.id, emailId));
            return row.status === 'sent';
          },
          15_000,
        );
        expect(smtp.received.map((m) => m.to)).toEqual([['dana@bank.test']]);
        const [waiting] = await db.select().from(outbox).where(eq(outbox.id, jobId));
        expect(waiting.status).toBe('pending');

        await server.start();
        await waitFor(
          'the job row delivered after Redis is back',
          () => ran.includes('after-outage'),
          30_000,
        );
        await waitFor(
          'the job row marked sent',
          async () => {
            const [row] = await db.select().from(outbox).where(eq(outbox.id, jobId));
            return row.status === 'sent';
          },
          10_000,
        );
      } finally {
        await smtp.close();
      }
    },
  );
});

describe('a Redis flush on a live connection', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());

  it(
    'puts the fixed schedulers back within 60 s, without a restart, and the checks run again',
    { timeout: 90_000 },
    async () => {
      const runs: Run[] = [];
      let reconciled = 0;
      await start({
        redisUrl: server.url,
        jobs: [timed(checkResponseTargetsJob, runs), timed(checkTaskRemindersJob, runs)],
        fixedSchedulers: FAST_SCHEDULERS,
        reconcilers: [async () => void (reconciled += 1)],
        reconcileIntervalMs: 1_000,
      });
      await waitFor('a check before the flush', () => runs.length > 0, 10_000);
      const reconciledAtStart = reconciled;

      const admin = new Redis(server.url);
      const queues = ['vigil', 'vigil-critical'].map(
        (name) => new Queue(name, { connection: admin, prefix: redis.prefix }),
      );
      try {
        await admin.flushall();
        const flushedAt = Date.now();
        const runsAtFlush = runs.length;
        const everyScheduler = async () => {
          for (const s of FIXED_SCHEDULERS) {
            const found = await Promise.all(queues.map((q) => q.getJobScheduler(s.id)));
            if (!found.some(Boolean)) return false;
          }
          return true;
        };
        await waitFor('every fixed scheduler back', everyScheduler, 60_000);
        expect(Date.now() - flushedAt).toBeLessThan(60_000);
        await waitFor(
          'a check running after the flush',
          () => runs.length > runsAtFlush + 2,
          20_000,
        );
        // The task-schedule reconcilers rebuild what Redis lost too.
        expect(reconciled).toBeGreaterThan(reconciledAtStart);
      } finally {
        await Promise.all(queues.map((q) => q.close()));
        admin.disconnect();
      }
    },
  );
});

describe('separate lanes', () => {
  it(
    'response-target checks and reminders run on time behind a 5,000-email backlog and a busy main queue',
    { timeout: 90_000 },
    async () => {
      const runs: Run[] = [];
      // Sized to drain in under a minute on a loaded 2-core machine (150–300 a second there).
      const BACKLOG = 5_000;
      await db.execute(sql`
      insert into outbox (kind, topic, payload)
      select 'email', 'incident-closed', jsonb_set(${JSON.stringify(incidentClosedEmail('x@bank.test', 9, 'Lanes'))}::jsonb, '{to}', to_jsonb('person' || i || '@bank.test'))
      from generate_series(1, ${BACKLOG}) i`);
      const worker = await start({
        mail: MAIL, // the development mailbox: a fast sink
        jobs: [slowJob, timed(checkResponseTargetsJob, runs), timed(checkTaskRemindersJob, runs)],
        fixedSchedulers: FAST_SCHEDULERS,
      });
      // Eighty seconds of work on the main queue at concurrency 2: busy for the whole test.
      await worker.queue.addBulk(Array.from({ length: 400 }, () => ({ name: SLOW, data: {} })));

      const started = Date.now();
      await waitFor(
        'the email backlog delivered',
        async () => {
          const [{ n }] = await db.execute<{ n: number }>(
            sql`select count(*)::int as n from dev_mailbox`,
          );
          return n >= BACKLOG;
        },
        60_000,
      );
      const drainedMs = Date.now() - started;
      // Watch the checks for a few seconds more while the main queue is still busy.
      await sleep(Math.max(0, 8_000 - drainedMs));
      const waiting = await worker.queue.getWaitingCount();
      expect(waiting).toBeGreaterThan(0);

      for (const name of ['incidents.check-response-targets', 'tasks.check-reminders']) {
        const mine = runs.filter((r) => r.name === name);
        expect(mine.length).toBeGreaterThanOrEqual(5);
        expect(Math.max(...mine.map((r) => r.lagMs))).toBeLessThan(2_000);
      }
      const [{ sent }] = await db.execute<{ sent: number }>(
        sql`select count(*)::int as sent from outbox where status = 'sent'`,
      );
      expect(sent).toBe(BACKLOG);
      expect(await db.$count(devMailbox)).toBe(BACKLOG);
      console.log(
        `lanes: ${BACKLOG} emails drained into the development mailbox in ${drainedMs} ms; check runs ${runs.length}, worst lag ${Math.max(...runs.map((r) => r.lagMs))} ms`,
      );
    },
  );
});
