import type { OutboxRow } from '@/db/schema';
import { startWorker } from '@/jobs/start-worker';
import type { MailConfig } from '@/lib/email/mail-config';

// A worker in its own process, for tests that kill one with SIGKILL. Optional settings:
// - VIGIL_TEST_MAIL: JSON MailConfig (Resend or SMTP on loopback);
// - VIGIL_TEST_OUTBOX: JSON outbox options (lease, concurrency, timeouts);
// - VIGIL_TEST_POISON_TO: an address whose email kills this process the moment it is
//   delivered, as a message that makes the renderer run out of memory would.
const mail = process.env.VIGIL_TEST_MAIL
  ? (JSON.parse(process.env.VIGIL_TEST_MAIL) as MailConfig)
  : undefined;
const poisonTo = process.env.VIGIL_TEST_POISON_TO;

const worker = await startWorker({
  databaseUrl: process.env.DATABASE_URL!,
  redisUrl: process.env.REDIS_URL!,
  prefix: process.env.VIGIL_TEST_PREFIX,
  concurrency: Number(process.env.VIGIL_WORKER_CONCURRENCY ?? 2),
  mail,
  outbox: process.env.VIGIL_TEST_OUTBOX ? JSON.parse(process.env.VIGIL_TEST_OUTBOX) : undefined,
  wrapDeliverer: poisonTo
    ? (kind, deliver) => async (row: OutboxRow) => {
        if (kind === 'email' && (row.payload as { to?: string }).to === poisonTo)
          process.kill(process.pid, 'SIGKILL');
        await deliver(row);
      }
    : undefined,
});
process.send?.('started');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
