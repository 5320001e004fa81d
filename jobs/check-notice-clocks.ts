import { z } from 'zod';
import { queueNoticeClockWarnings } from '@/lib/notice-clocks/warnings';
import { defineJob } from './registry';

export const CHECK_NOTICE_CLOCKS = 'incidents.check-notice-clocks';

/** Every minute: warns owners and administrators of regulator notification clocks at 50 %, 75 % and missed. */
export const checkNoticeClocksJob = defineJob({
  name: CHECK_NOTICE_CLOCKS,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, log }) {
    const result = await queueNoticeClockWarnings(db);
    if (result.half || result['three-quarters'] || result.missed)
      log('notice clock warnings queued', result);
    return result;
  },
});
