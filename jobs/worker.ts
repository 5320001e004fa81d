import { mailConfigFromEnv } from '@/lib/email/mail-config';
import { loadEnvOrExit, workerEnvSchema } from '@/lib/env';
import { log } from '@/lib/log';
import { parseTestClock } from '@/lib/time/clock';
import { startWorker } from './start-worker';
import { waitForDatabase } from './wait-for-database';
import { warnAboutDatabaseRole } from './warn-about-database-role';

// The worker process: `npm run start:worker`. Run as many as you like; jobs are idempotent.
const env = loadEnvOrExit(workerEnvSchema);
let lastWaitLog = -Infinity;
await waitForDatabase(env.DATABASE_URL, (error, waitedMs) => {
  if (waitedMs - lastWaitLog < 10_000) return;
  lastWaitLog = waitedMs;
  log('warn', 'waiting for PostgreSQL before starting', { waitedMs, error });
});
await warnAboutDatabaseRole(env.DATABASE_URL);
const worker = await startWorker({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  prefix: env.VIGIL_REDIS_PREFIX,
  concurrency: env.VIGIL_WORKER_CONCURRENCY,
  mail: mailConfigFromEnv(env),
  clock: env.VIGIL_TEST_CLOCK ? parseTestClock(env.VIGIL_TEST_CLOCK) : undefined,
  catchUpLimit: env.VIGIL_CATCH_UP_LIMIT,
  retentionDays: env.VIGIL_RETENTION_DAYS,
  // Within the 25 s below: what is still in flight then is released for another worker.
  shutdownGraceMs: 20_000,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('info', 'worker stopping: finishing active jobs', { signal });
  // A second signal, or a job that will not finish, must not keep the process forever.
  const force = setTimeout(() => {
    log('warn', 'worker did not stop in 25 s; exiting');
    process.exit(1);
  }, 25_000);
  force.unref();
  await worker.close();
  log('info', 'worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
