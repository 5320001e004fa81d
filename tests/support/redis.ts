import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { findFreePort } from '@/scripts/embedded/free-port';

// Test files share one Redis, so each keeps its keys under its own prefix: BullMQ's
// `prefix` option, or ioredis's `keyPrefix: prefix + ':'`. Nothing a file writes is
// visible to another, and the run's teardown can find every key it made (vt:<run>:*).

export type TestRedis = {
  url: string;
  /** Unique to this call; pass as BullMQ `prefix`. */
  prefix: string;
  /** Deletes every key under the prefix; call it in afterAll. */
  flush(): Promise<void>;
};

export function createTestRedis(): TestRedis {
  const url = inject('redisUrl');
  const prefix = `vt:${inject('testRunId')}:${randomBytes(4).toString('hex')}`;
  return {
    url,
    prefix,
    async flush() {
      const redis = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          if (keys.length > 0) await redis.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

export type RedisServer = {
  url: string;
  /** Starts (or starts again) the server on the same port, empty: no persistence. */
  start(): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would. */
  stop(): Promise<void>;
};

/**
 * A redis-server of the test's own, for tests that stop, restart or FLUSHALL Redis: the
 * shared one carries every other test file's keys.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await findFreePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      child = started;
      const probe = new Redis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => {}); // refused until the server listens: expected while waiting
      try {
        const deadline = Date.now() + 10_000;
        for (;;) {
          if (started.exitCode !== null)
            throw new Error(`redis-server exited with code ${started.exitCode}`);
          try {
            if (probe.status !== 'ready') await probe.connect();
            if ((await probe.ping()) === 'PONG') return;
          } catch {
            probe.disconnect();
          }
          if (Date.now() > deadline)
            throw new Error('redis-server did not accept connections within 10 s');
          await sleep(50);
        }
      } finally {
        probe.disconnect();
      }
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}
