import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { outbox, type OutboxRow } from '@/db/schema';
import { drainOutboxJob } from '@/jobs/drain-outbox';
import { defineJob } from '@/jobs/registry';
import { startWorker, type RunningWorker, type WorkerOptions } from '@/jobs/start-worker';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { waitFor } from '../support/wait-for';
import { startRedisServer, type RedisServer } from '../support/redis';
import { setUpWorkerTestServices } from '../support/test-database-hooks';

const TEST_JOB = 'test.record-run';

let db: Db;
const workers: RunningWorker[] = [];
/** Markers of the test jobs the workers have run, in order. */
const ran: string[] = [];

const recordRunJob = defineJob({
  name: TEST_JOB,
  schema: z.object({ marker: z.string() }),
  async handle({ marker }) {
    ran.push(marker);
  },
});

const { test, redis } = setUpWorkerTestServices(8, (created) => (db = created.db));
afterEach(async () => {
  // A failed assertion must not leave a worker polling Redis and Postgres.
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

async function start(
  redisUrl = redis.url,
  options: Partial<WorkerOptions> = {},
): Promise<RunningWorker> {
  const worker = await startWorker({
    databaseUrl: test.url,
    redisUrl,
    prefix: redis.prefix,
    concurrency: 2,
    jobs: [drainOutboxJob, recordRunJob],
    ...options,
  });
  workers.push(worker);
  return worker;
}

async function enqueueCommitted(marker: string): Promise<void> {
  await db.transaction((tx) =>
    enqueueOutbox(tx, { kind: 'job', topic: TEST_JOB, payload: { marker } }),
  );
}

describe('outbox', () => {
  it('never delivers messages written in a transaction that rolled back', async () => {
    const rolledBack = await db
      .transaction(async (tx) => {
        await enqueueOutbox(
          tx,
          { kind: 'job', topic: TEST_JOB, payload: { marker: 'rolled-back' } },
          { kind: 'email', topic: 'x' },
        );
        throw new Error('the change failed');
      })
      .catch((e: unknown) => e);
    expect((rolledBack as Error).message).toBe('the change failed');

    const delivered: OutboxRow[] = [];
    const deliver = async (m: OutboxRow) => void delivered.push(m);
    expect(await drainOutbox(db, { job: deliver, email: deliver })).toEqual({
      delivered: 0,
      retried: 0,
      failed: 0,
    });
    expect(delivered).toEqual([]);
    expect(await db.select().from(outbox)).toEqual([]);
  });

  it('has a committed job run by a real worker within seconds, woken by NOTIFY', async () => {
    // The periodic safety net is minutes away: only the NOTIFY wake-up can deliver now.
    await start(redis.url, { outboxSafetyNetMs: 10 * 60_000 });

    const marker = `notify-${Date.now()}`;
    await enqueueCommitted(marker);
    const tookMs = await waitFor('the test job to run', () => ran.includes(marker), 5_000);
    expect(tookMs).toBeLessThan(5_000);

    await waitFor(
      'the outbox row to be marked sent',
      async () => {
        const [row] = await db.select().from(outbox);
        return row?.status === 'sent';
      },
      5_000,
    );
    const [row] = await db.select().from(outbox);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    expect(ran.filter((m) => m === marker)).toHaveLength(1);
  });

  it('parks a message as failed after maxAttempts, keeping the last error', async () => {
    const [id] = await db.transaction((tx) =>
      enqueueOutbox(tx, { kind: 'webhook', topic: 'siem', maxAttempts: 3 }),
    );
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error(`endpoint answered 503 (call ${calls})`);
    };

    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await drainOutbox(db, { webhook: failing });
      const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe(`endpoint answered 503 (call ${attempt})`);
      if (attempt < 3) {
        expect(result).toEqual({ delivered: 0, retried: 1, failed: 0 });
        expect(row.status).toBe('pending');
        // Backed off: not due again for a while, so a second drain now does nothing.
        expect(row.availableAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
        expect(await drainOutbox(db, { webhook: failing })).toEqual({
          delivered: 0,
          retried: 0,
          failed: 0,
        });
        await db
          .update(outbox)
          .set({ availableAt: sql`now()` })
          .where(eq(outbox.id, id)); // as if the delay passed
      } else {
        expect(result).toEqual({ delivered: 0, retried: 0, failed: 1 });
        expect(row.status).toBe('failed');
        expect(row.deliveredAt).toBeNull();
      }
    }
    expect(calls).toBe(3);
    expect(await drainOutbox(db, { webhook: failing })).toEqual({
      delivered: 0,
      retried: 0,
      failed: 0,
    });
    expect(calls).toBe(3);
  });

  it('never delivers a row twice when two drains run at once', async () => {
    const total = 200;
    await db.transaction((tx) =>
      enqueueOutbox(
        tx,
        ...Array.from({ length: total }, (_, i) => ({
          kind: 'job' as const,
          topic: TEST_JOB,
          payload: { marker: `m${i}` },
        })),
      ),
    );
    const deliveredIds: number[] = [];
    const counting = (perDrain: number[]) => async (message: OutboxRow) => {
      await sleep(1); // hold the claimed batch long enough for the other drain to run beside it
      deliveredIds.push(message.id);
      perDrain.push(message.id);
    };
    const first: number[] = [];
    const second: number[] = [];
    const [a, b] = await Promise.all([
      drainOutbox(db, { job: counting(first) }, { batchSize: 10 }),
      drainOutbox(db, { job: counting(second) }, { batchSize: 10 }),
    ]);

    expect(a.delivered + b.delivered).toBe(total);
    expect(deliveredIds).toHaveLength(total);
    expect(new Set(deliveredIds).size).toBe(total);
    // Both drains did work, so the test did exercise two claimers side by side.
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    const [{ sent }] = await db.execute<{ sent: number }>(
      sql`select count(*)::int as sent from outbox where status = 'sent' and attempts = 1`,
    );
    expect(sent).toBe(total);
  });
});

describe('worker and a Redis restart', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());

  it(
    'keeps processing jobs after Redis is killed and started again',
    { timeout: 60_000 },
    async () => {
      await start(server.url);
      await enqueueCommitted('before-restart');
      await waitFor('a job before the restart', () => ran.includes('before-restart'), 10_000);

      await server.stop();
      await sleep(500); // the worker notices the connection is gone and starts retrying
      await server.start();

      await enqueueCommitted('after-restart');
      await waitFor('a job after the restart', () => ran.includes('after-restart'), 20_000);
      // The job can run before the drain has recorded its outcome (queue.add returns, then the
      // row is marked): wait for the mark, as the NOTIFY test does, rather than race it.
      const afterRestart = sql`${outbox.payload}->>'marker' = 'after-restart'`;
      await waitFor(
        'the after-restart row to be marked sent',
        async () => (await db.select().from(outbox).where(afterRestart))[0]?.status === 'sent',
        5_000,
      );
      const [row] = await db.select().from(outbox).where(afterRestart);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    },
  );
});
