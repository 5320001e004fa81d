import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

// Two queues, each with its own Worker and concurrency: job names (`area.verb-noun`) pick
// the handler, and jobs/lanes.ts the queue. The critical one carries only the short
// time-critical checks, so no backlog on the main queue can make them late.
export const QUEUE_NAME = 'vigil';
export const CRITICAL_QUEUE_NAME = 'vigil-critical';

export type RedisOptions = { redisUrl: string; prefix?: string };

/** BullMQ needs `maxRetriesPerRequest: null` so commands wait out a Redis restart instead of failing. */
export function createRedisConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function createQueue(options: RedisOptions & { connection?: Redis; name?: string }): Queue {
  return new Queue(options.name ?? QUEUE_NAME, {
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
