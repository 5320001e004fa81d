import { z } from 'zod';
import { systemActor } from '@/lib/auth/actor';
import { pruneRetainedRecords } from '@/lib/retention/prune-retained-records';
import { defineJob } from './registry';

export const PRUNE_RETENTION = 'retention.prune-records';
export const DEFAULT_RETENTION_DAYS = 30;

/** Daily: prunes delivered outbox rows, fan-out rows, digest items, reminder bookkeeping and dev mail. */
export const pruneRetentionJob = defineJob({
  name: PRUNE_RETENTION,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, log, retentionDays }) {
    const counts = await pruneRetainedRecords(db, systemActor('retention'), {
      retentionDays: retentionDays ?? DEFAULT_RETENTION_DAYS,
    });
    log('retention pruned', counts);
    return counts;
  },
});
