import { startWorker } from '../../jobs/start-worker';
import { BENCH_MAIL } from './bench-mail';

// One worker process of the schedules benchmark (three run side by side).
const started = Date.now();
const worker = await startWorker({
  databaseUrl: process.env.DATABASE_URL!,
  redisUrl: process.env.REDIS_URL!,
  prefix: process.env.BENCH_PREFIX,
  concurrency: Number(process.env.VIGIL_WORKER_CONCURRENCY ?? 4),
  mail: BENCH_MAIL,
});
process.send?.({ started: Date.now() - started });
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
