import { z } from 'zod';
import { deliverWebhook } from '@/lib/outbox/deliver-webhook';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { defineJob } from './registry';

export const DRAIN_OUTBOX = 'outbox.drain';

/** Hands each due outbox message to what delivers its kind. */
export const drainOutboxJob = defineJob({
  name: DRAIN_OUTBOX,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, queue, log }) {
    const result = await drainOutbox(db, {
      // A job queued through the outbox; its job id makes a repeated delivery a no-op.
      job: async (message) => {
        await queue.add(message.topic, message.payload, { jobId: `outbox-${message.id}` });
      },
      webhook: deliverWebhook,
    });
    if (result.delivered || result.failed || result.retried) log('outbox drained', result);
    return result;
  },
});
