import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

// One queue carries every job; job names (`area.verb-noun`) pick the handler.
export const QUEUE_NAME = 'vigil';

export type RedisOptions = { redisUrl: string; prefix?: string };

/** BullMQ needs `maxRetriesPerRequest: null` so commands wait out a Redis restart instead of failing. */
export function createRedisConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function createQueue(options: RedisOptions & { connection?: Redis }): Queue {
  return new Queue(QUEUE_NAME, {
    connection: options.connection ?? createRedisConnection(options.redisUrl),
    prefix: options.prefix ?? 'vigil',
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    },
  });
}
