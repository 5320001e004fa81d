import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';

// Deterministic races: a second session takes a row lock and keeps its transaction open;
// the code under test is started and the test waits until PostgreSQL reports it blocked
// on that session (pg_blocking_pids), changes the row, commits, and lets it proceed.

export type LockHolder = {
  /** Runs a statement inside the holder's open transaction. */
  sql: postgres.ReservedSql;
  pid: number;
  /** Resolves once another session waits for a lock this one holds. */
  waitUntilSomeoneBlocks(timeoutMs?: number): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
};

export async function openLockHolder(url: string): Promise<LockHolder> {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  const reserved = await client.reserve();
  const [{ pid }] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
  await reserved`begin`;
  let open = true;
  return {
    sql: reserved,
    pid,
    async waitUntilSomeoneBlocks(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [{ n }] = await client<
          { n: number }[]
        >`select count(*)::int as n from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`;
        if (n > 0) return;
        if (Date.now() > deadline)
          throw new Error(
            `nobody waited for the lock held by backend ${pid} within ${timeoutMs} ms`,
          );
        await sleep(10); // polling pg_stat_activity: there is no event to await across sessions
      }
    },
    async commit() {
      if (open) await reserved`commit`;
      open = false;
    },
    async close() {
      if (open) await reserved`rollback`.catch(() => {});
      open = false;
      reserved.release();
      await client.end({ timeout: 5 });
    },
  };
}
