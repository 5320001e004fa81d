import { createDb } from '@/db/client';
import { startSyslogReceiver } from '@/lib/events/syslog/receiver';
import { loadEnvOrExit, syslogEnvSchema } from '@/lib/env';
import { log } from '@/lib/log';
import { waitForDatabase } from '@/jobs/wait-for-database';

// The syslog receiver process: `npm run start:syslog` (README, "Syslog receiver"). It needs
// only PostgreSQL; `npm start` runs it next to the web server and the worker.
const env = loadEnvOrExit(syslogEnvSchema);
let lastWaitLog = -Infinity;
await waitForDatabase(env.DATABASE_URL, (error, waitedMs) => {
  if (waitedMs - lastWaitLog < 10_000) return;
  lastWaitLog = waitedMs;
  log('warn', 'waiting for PostgreSQL before receiving syslog', { waitedMs, error });
});
const db = createDb(env.DATABASE_URL, { max: 4, applicationName: 'vigil-syslog' });
let receiver: Awaited<ReturnType<typeof startSyslogReceiver>>;
try {
  receiver = await startSyslogReceiver({
    db,
    host: env.VIGIL_SYSLOG_HOST,
    port: env.VIGIL_SYSLOG_PORT,
    timeZone: env.VIGIL_SYSLOG_ZONE,
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `The syslog port ${env.VIGIL_SYSLOG_PORT} is already in use on ${env.VIGIL_SYSLOG_HOST}; set VIGIL_SYSLOG_PORT to another.`
      : code === 'EACCES'
        ? `Listening on port ${env.VIGIL_SYSLOG_PORT} needs privileges; use a port above 1023 (5514) and forward 514 to it.`
        : `The syslog receiver could not start: ${(error as Error).message}`,
  );
  await db.close();
  process.exit(1);
}
console.log(
  `[vigil] Syslog receiver on ${env.VIGIL_SYSLOG_HOST}:${receiver.port} (TCP and UDP, RFC 5424 and RFC 3164 in ${env.VIGIL_SYSLOG_ZONE}).`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('info', 'syslog receiver stopping: storing what was received', { signal });
  const force = setTimeout(() => {
    log('warn', 'syslog receiver did not stop in 25 s; exiting');
    process.exit(1);
  }, 25_000);
  force.unref();
  await receiver.stop();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
