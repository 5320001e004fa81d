import { z } from 'zod';
import { sendDueDigests } from '@/lib/notifications/send-digests';
import { defineJob } from './registry';

export const SEND_DIGESTS = 'notifications.send-digests';

/** Every minute: queues the daily digests whose hour has come in their owner's zone. */
export const sendDigestsJob = defineJob({
  name: SEND_DIGESTS,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, mail, log }) {
    if (!mail) return { skipped: 'no mail configuration' };
    const result = await sendDueDigests(db, { publicUrl: mail.publicUrl });
    if (result.digests) log('digests queued', result);
    return result;
  },
});
