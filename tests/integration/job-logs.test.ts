import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { defineJob } from '@/jobs/registry';
import { startWorker, type RunningWorker } from '@/jobs/start-worker';
import { log } from '@/lib/log';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { captureLogs } from '../support/log-capture';
import { createTestRedis, type TestRedis } from '../support/redis';
import { waitFor } from '../support/wait-for';

// A worker in this process: an outbox row queues a job; the delivery and the job each log,
// and their lines must say which row and which job they belong to.

const LOGGING_JOB = 'test.log-something';
const loggingJob = defineJob({
  name: LOGGING_JOB,
  schema: z.object({ marker: z.string() }),
  async handle({ marker }, context) {
    context.log('job ran', { marker });
  },
});

let test: TestDatabase;
let db: Db;
let redis: TestRedis;
let worker: RunningWorker | undefined;
let capture: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  test = await createTestDatabase({ max: 6 });
  db = test.db;
  redis = createTestRedis();
});
afterEach(async () => {
  await worker?.close();
  capture?.stop();
});
afterAll(async () => {
  await test?.drop();
  await redis?.flush();
});

describe('worker log lines', () => {
  it('carry the outbox row of a delivery and the name and id of a job', async () => {
    capture = captureLogs();
    worker = await startWorker({
      databaseUrl: test.url,
      redisUrl: redis.url,
      prefix: redis.prefix,
      jobs: [loggingJob],
      fixedSchedulers: [],
      reconcilers: [],
      wrapDeliverer: (_kind, deliver) => async (row) => {
        log('info', 'delivering');
        await deliver(row);
      },
    });
    const [rowId] = await db.transaction((tx) =>
      enqueueOutbox(tx, { kind: 'job', topic: LOGGING_JOB, payload: { marker: 'm-1' } }),
    );
    await waitFor(
      'the job to run',
      () => capture.lines.some((l) => l.message === 'job ran'),
      15_000,
    );

    const delivering = capture.lines.find((l) => l.message === 'delivering');
    expect(delivering).toMatchObject({ outboxId: rowId, outboxKind: 'job', topic: LOGGING_JOB });
    const ran = capture.lines.find((l) => l.message === 'job ran');
    expect(ran).toMatchObject({ job: LOGGING_JOB, jobId: `outbox-${rowId}`, marker: 'm-1' });
    expect(ran).not.toHaveProperty('outboxId'); // the job runs later, outside the delivery
  });
});
