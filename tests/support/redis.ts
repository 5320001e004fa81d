import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

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
