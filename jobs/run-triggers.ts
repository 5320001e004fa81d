import { z } from 'zod';
import { runDueTriggers } from '@/lib/triggers/run-due';
import { defineJob } from './registry';

export const RUN_TRIGGERS = 'triggers.run-due';

/**
 * Every minute: evaluates the triggers' settled windows (lib/triggers/run-due.ts). What is
 * due is decided from PostgreSQL and each window is recorded once, so a run that comes late,
 * twice, or after Redis lost its scheduler neither skips nor repeats a window.
 */
export const runTriggersJob = defineJob({
  name: RUN_TRIGGERS,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, log }) {
    const result = await runDueTriggers(db, { now: new Date(), log });
    if (result.evaluated) log('trigger windows evaluated', result);
    return result;
  },
});
