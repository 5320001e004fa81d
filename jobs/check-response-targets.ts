import { z } from 'zod';
import { queueResponseTargetReminders } from '@/lib/notifications/response-target-reminders';
import { defineJob } from './registry';

export const CHECK_RESPONSE_TARGETS = 'incidents.check-response-targets';

/** Every minute: warns owners and watchers of response targets at risk or missed. */
export const checkResponseTargetsJob = defineJob({
  name: CHECK_RESPONSE_TARGETS,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, log }) {
    const result = await queueResponseTargetReminders(db);
    if (result.atRisk || result.breached) log('response-target reminders queued', result);
    return result;
  },
});
