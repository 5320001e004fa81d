import { z } from 'zod';
import { systemActor } from '@/lib/auth/actor';
import { pruneEventPartitions } from '@/lib/events/prune-event-partitions';
import { defineJob } from './registry';

export const PRUNE_EVENT_PARTITIONS = 'events.prune-partitions';

/** Hourly: drops the daily event partitions past the organization's retention (an activity row says which). */
export const pruneEventPartitionsJob = defineJob({
  name: PRUNE_EVENT_PARTITIONS,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, log }) {
    const result = await pruneEventPartitions(db, systemActor('retention'));
    if (result.dropped.length) log('event partitions dropped', result);
    return result;
  },
});
