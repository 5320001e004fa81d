import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { OutboxRow } from '@/db/schema';
import type { Deliverer } from '@/lib/outbox/drain-outbox';
import { withTimeout } from '@/lib/time/with-timeout';
import type { Lane } from './lanes';
import { laneOf } from './lanes';
import { defineJob } from './registry';

export const DRAIN_OUTBOX = 'outbox.drain';

/**
 * Adds a job queued through the outbox to its lane's queue; its job id makes a repeated
 * delivery a no-op. With Redis unreachable the add would wait for it forever (the
 * connection queues commands): the timeout turns that into a retry with backoff. The drain
 * does not even claim 'job' rows while the connection is down (jobs/outbox-loop.ts).
 */
export function createJobDeliverer(queues: Record<Lane, Queue>, timeoutMs = 5_000): Deliverer {
  return async (message: OutboxRow) => {
    const queue = queues[laneOf(message.topic)];
    await withTimeout(
      queue.add(message.topic, message.payload, { jobId: `outbox-${message.id}` }),
      timeoutMs,
      `Redis did not take the job within ${timeoutMs / 1000} s`,
    );
  };
}

/**
 * The outbox drains in the worker process (jobs/outbox-loop.ts), not as a job: a Redis
 * outage must not stop email. This handler remains for the 'outbox.drain' jobs an older
 * worker's Job Scheduler left in Redis; it completes them and does nothing.
 */
export const drainOutboxJob = defineJob({
  name: DRAIN_OUTBOX,
  schema: z.object({}).passthrough(),
  handle: async () => ({ skipped: 'the outbox drains in the worker process' }),
});
