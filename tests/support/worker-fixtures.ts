import { fork, type ChildProcess } from 'node:child_process';
import type { EmailPayload } from '../../lib/email/deliver-email';

// What the worker tests share: a worker in its own process (to kill with SIGKILL) and an
// email for it to deliver.

/** Starts tests/support/worker-child.ts against the database and Redis key space given. */
export function forkWorkerChild(
  databaseUrl: string,
  redis: { url: string; prefix: string },
  env: Record<string, string> = {},
): ChildProcess {
  return fork('tests/support/worker-child.ts', [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      VIGIL_TEST_PREFIX: redis.prefix,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** The "INC-<number> closed" email to `to`, as the notification fan-out queues it. */
export function incidentClosedEmail(to: string, number: number, title: string): EmailPayload {
  return {
    template: 'incident-closed',
    to,
    props: {
      item: {
        reference: `INC-${number}`,
        title,
        url: `https://vigil.test/incidents/${number}`,
        state: 'Closed',
      },
      actorLabel: 'Dana',
      reason: `You own INC-${number}.`,
    },
  };
}
