import { z } from 'zod';
import type { OutboxRow } from '@/db/schema';
import { deliverWebhook } from '@/lib/outbox/deliver-webhook';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { defineJob } from './registry';

export const DRAIN_OUTBOX = 'outbox.drain';

/** Hands each due outbox message to what delivers its kind. */
export const drainOutboxJob = defineJob({
  name: DRAIN_OUTBOX,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, queue, log, deliverers }) {
    const all = {
      ...deliverers,
      // A job queued through the outbox; its job id makes a repeated delivery a no-op.
      job: async (message: OutboxRow) => {
        await queue.add(message.topic, message.payload, { jobId: `outbox-${message.id}` });
      },
      webhook: deliverWebhook,
    };
    const total = { delivered: 0, retried: 0, failed: 0 };
    // Delivering a notification writes email rows; their NOTIFY wake-up is deduplicated
    // while this drain runs, so drain again rather than wait for the 15 s safety net.
    for (let round = 0; round < 10; round++) {
      const result = await drainOutbox(db, all);
      total.delivered += result.delivered;
      total.retried += result.retried;
      total.failed += result.failed;
      if (!result.delivered) break;
    }
    if (total.delivered || total.failed || total.retried) log('outbox drained', total);
    return total;
  },
});
