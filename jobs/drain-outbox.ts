import { z } from 'zod';
import type { OutboxRow } from '@/db/schema';
import { deliverWebhook } from '@/lib/outbox/deliver-webhook';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { defineJob, type JobContext } from './registry';

export const DRAIN_OUTBOX = 'outbox.drain';

/** Drains every due outbox message, handing each to what delivers its kind. */
export async function drainDueOutbox({ db, queue, log, deliverers }: JobContext) {
  const all = {
    ...deliverers,
    // A job queued through the outbox; its job id makes a repeated delivery a no-op.
    job: async (message: OutboxRow) => {
      await queue.add(message.topic, message.payload, { jobId: `outbox-${message.id}` });
    },
    webhook: deliverWebhook,
  };
  const total = { delivered: 0, retried: 0, failed: 0 };
  // Delivering a notification writes email rows: drain again while there was work.
  for (let round = 0; round < 10; round++) {
    const result = await drainOutbox(db, all);
    total.delivered += result.delivered;
    total.retried += result.retried;
    total.failed += result.failed;
    if (!result.delivered) break;
  }
  if (total.delivered || total.failed || total.retried) log('outbox drained', total);
  return total;
}

/** The periodic safety net (a job scheduler); wake-ups on commit drain in the worker itself. */
export const drainOutboxJob = defineJob({
  name: DRAIN_OUTBOX,
  schema: z.object({}).passthrough(),
  handle: (_payload, context) => drainDueOutbox(context),
});
