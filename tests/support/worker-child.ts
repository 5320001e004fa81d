import { startWorker } from '@/jobs/start-worker';

// A worker in its own process, for tests that kill one with SIGKILL.
const worker = await startWorker({
  databaseUrl: process.env.DATABASE_URL!,
  redisUrl: process.env.REDIS_URL!,
  prefix: process.env.VIGIL_TEST_PREFIX,
  concurrency: Number(process.env.VIGIL_WORKER_CONCURRENCY ?? 2),
});
process.send?.('started');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
