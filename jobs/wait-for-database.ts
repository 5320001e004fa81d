import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { isDatabaseUnavailable } from '@/lib/db-errors';

/**
 * Waits until PostgreSQL answers (a restart, a failover, a worker started before its
 * database): a worker that exits instead only trades a delay for a restart loop. Errors
 * that waiting cannot cure (a wrong password, a missing database) are thrown at once.
 */
export async function waitForDatabase(
  url: string,
  onWait: (error: unknown, waitedMs: number) => void,
  options: { intervalMs?: number } = {},
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const probe = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
    try {
      await probe`select 1`;
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      onWait(error, Date.now() - started);
    } finally {
      await probe.end({ timeout: 1 }).catch(() => {});
    }
    await sleep(options.intervalMs ?? 1_000);
  }
}
