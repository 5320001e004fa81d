import type { ChildProcess } from 'node:child_process';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { startWorker, type RunningWorker } from '@/jobs/start-worker';
import type { MailConfig } from '@/lib/email/mail-config';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { startFakeResend, startSmtpServer } from '../support/mail-servers';
import { waitFor } from '../support/wait-for';
import { forkWorkerChild, incidentClosedEmail } from '../support/worker-fixtures';
import { setUpWorkerTestServices } from '../support/test-database-hooks';

// The outbox as leases: a claim counts an attempt in its own committed statement, so a
// worker killed mid-delivery leaves rows that come back after their lease with the attempt
// counted, and a row that kills the worker every time parks instead of looping.

const SECRET = 'lease-test-secret-'.padEnd(40, 'z');
const POISON = 'poison@bank.test';

let db: Db;
const children: ChildProcess[] = [];
const workers: RunningWorker[] = [];

const { test, redis } = setUpWorkerTestServices(6, (created) => (db = created.db));
afterEach(async () => {
  for (const child of children.splice(0)) await stopChild(child);
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

async function queueEmails(addresses: string[], maxAttempts = 5): Promise<number[]> {
  return db.transaction((tx) =>
    enqueueOutbox(
      tx,
      ...addresses.map((to) => ({
        kind: 'email' as const,
        topic: 'incident-closed',
        payload: incidentClosedEmail(to, 7, 'Lease test'),
        maxAttempts,
      })),
    ),
  );
}

function mailConfig(extra: Partial<MailConfig>): MailConfig {
  return { publicUrl: 'https://vigil.test', authSecret: SECRET, ...extra };
}

function spawnWorker(env: Record<string, string>): ChildProcess {
  const child = forkWorkerChild(test.url, redis, env);
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited(child);
}

const rowsById = async (ids: number[]) =>
  new Map((await db.select().from(outbox).where(inArray(outbox.id, ids))).map((r) => [r.id, r]));

describe('outbox leases', () => {
  it(
    'a worker SIGKILLed mid-batch: after restart each email is sent once per idempotency key, the attempts counted',
    { timeout: 60_000 },
    async () => {
      const resend = await startFakeResend();
      try {
        resend.stall(); // Resend takes the emails and never answers: the deliveries hang
        const ids = await queueEmails(Array.from({ length: 10 }, (_, i) => `person${i}@bank.test`));
        const env = {
          VIGIL_TEST_MAIL: JSON.stringify(
            mailConfig({
              resend: { apiKey: 're_test', from: 'vigil@bank.test', baseUrl: resend.url },
            }),
          ),
          VIGIL_TEST_OUTBOX: JSON.stringify({ leaseMs: 2_000, concurrency: 4 }),
        };
        const first = spawnWorker(env);
        await waitFor('four deliveries in flight', () => resend.requests.length >= 4, 30_000);
        await stopChild(first);
        const inFlight = new Set(
          resend.requests.map((r) => Number(r.body.headers?.['X-Vigil-Outbox-Id'])),
        );
        expect(inFlight.size).toBeGreaterThanOrEqual(4);

        resend.answer();
        spawnWorker(env);
        await waitFor(
          'every row sent',
          async () => [...(await rowsById(ids)).values()].every((r) => r.status === 'sent'),
          30_000,
        );

        const rows = await rowsById(ids);
        const keysByRow = new Map<number, Set<string | null>>();
        for (const r of resend.requests) {
          const id = Number(r.body.headers?.['X-Vigil-Outbox-Id']);
          keysByRow.set(id, (keysByRow.get(id) ?? new Set()).add(r.idempotencyKey));
        }
        for (const id of ids) {
          // One key per row however often it was tried: the provider sent it once.
          expect(keysByRow.get(id)?.size).toBe(1);
          const row = rows.get(id)!;
          expect(row.claimedAt).toBeNull();
          // The killed delivery used up an attempt; the redelivery after the lease another.
          if (inFlight.has(id)) expect(row.attempts).toBe(2);
          else expect(row.attempts).toBeGreaterThanOrEqual(1);
        }
        expect(resend.sent.size).toBe(ids.length);
      } finally {
        await resend.close();
      }
    },
  );

  it(
    'parks a row that kills the worker after its max attempts; its batch-mates are delivered once each',
    { timeout: 90_000 },
    async () => {
      const smtp = await startSmtpServer();
      try {
        const addresses = Array.from({ length: 9 }, (_, i) => `mate${i}@bank.test`);
        const ids = await queueEmails([...addresses.slice(0, 4), POISON, ...addresses.slice(4)], 3);
        const poisonId = ids[4];
        const env = {
          VIGIL_TEST_MAIL: JSON.stringify(
            mailConfig({ smtp: { url: smtp.url, from: 'vigil@bank.test' } }),
          ),
          VIGIL_TEST_OUTBOX: JSON.stringify({ leaseMs: 3_000, concurrency: 1 }),
          VIGIL_TEST_POISON_TO: POISON,
        };
        const settled = async () => {
          const rows = await rowsById(ids);
          return (
            rows.get(poisonId)!.status === 'failed' &&
            ids.every((id) => id === poisonId || rows.get(id)!.status === 'sent')
          );
        };
        // A supervisor restarts the worker each time the poison row kills it (3 attempts), and
        // once more to see the row parked; never more than that.
        let crashes = 0;
        for (let start = 0; start < 5 && !(await settled()); start++) {
          const child = spawnWorker(env);
          await waitFor(
            'the worker to die or the outbox to settle',
            async () => child.exitCode !== null || child.signalCode !== null || (await settled()),
            20_000,
          );
          if (child.signalCode === 'SIGKILL') crashes += 1;
          await stopChild(child);
        }
        expect(await settled()).toBe(true);
        expect(crashes).toBe(3);

        const [poison] = await db.select().from(outbox).where(eq(outbox.id, poisonId));
        expect(poison).toMatchObject({ status: 'failed', attempts: 3, claimedAt: null });
        expect(poison.lastError).toBe('the worker stopped during delivery 3 times');
        const received = smtp.received.flatMap((m) => m.to);
        expect(received.filter((to) => to === POISON)).toEqual([]);
        for (const to of addresses) expect(received.filter((r) => r === to)).toEqual([to]);
      } finally {
        await smtp.close();
      }
    },
  );

  it(
    'shutdown stops claiming and releases what it still holds, for another worker at once',
    { timeout: 60_000 },
    async () => {
      const resend = await startFakeResend();
      try {
        resend.stall();
        const mail = mailConfig({
          resend: { apiKey: 're_test', from: 'vigil@bank.test', baseUrl: resend.url },
        });
        const ids = await queueEmails(Array.from({ length: 6 }, (_, i) => `held${i}@bank.test`));
        const worker = await startWorker({
          databaseUrl: test.url,
          redisUrl: redis.url,
          prefix: redis.prefix,
          mail,
          jobs: [],
          outbox: { leaseMs: 120_000, concurrency: 2 },
          shutdownGraceMs: 1_000,
        });
        workers.push(worker);
        await waitFor('two deliveries hanging', () => resend.requests.length >= 2, 20_000);

        const closing = worker.close().then(() => 'closed');
        const outcome = await Promise.race([
          closing,
          new Promise((resolve) => setTimeout(resolve, 10_000, 'still closing')),
        ]);
        expect(outcome).toBe('closed');
        workers.splice(workers.indexOf(worker), 1);

        const [{ now }] = await db.execute<{ now: string }>(sql`select now()::text as now`);
        for (const row of (await rowsById(ids)).values()) {
          expect(row).toMatchObject({ status: 'pending', attempts: 0, claimedAt: null });
          expect(row.availableAt.getTime()).toBeLessThanOrEqual(new Date(now).getTime());
        }

        // Released, not left to its two-minute lease: the next worker sends at once, and the
        // emails that reached Resend before the shutdown are not sent twice.
        resend.answer();
        workers.push(
          await startWorker({
            databaseUrl: test.url,
            redisUrl: redis.url,
            prefix: redis.prefix,
            mail,
            jobs: [],
          }),
        );
        await waitFor(
          'every row sent by the next worker',
          async () => [...(await rowsById(ids)).values()].every((r) => r.status === 'sent'),
          15_000,
        );
        expect(resend.sent.size).toBe(ids.length);
      } finally {
        await resend.close();
      }
    },
  );
});
