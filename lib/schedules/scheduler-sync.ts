import type { Tx } from '@/db/client';
import { enqueueOutbox } from '@/lib/outbox/enqueue';

// The web server has no Redis: a schedule's Job Scheduler is upserted or removed by the
// worker (jobs/sync-schedule.ts), told through the outbox in the transaction of the change.
// The job reads the schedule's state from PostgreSQL, so a repeated or late delivery
// converges on the latest state.
export const SYNC_SCHEDULE_JOB = 'schedules.sync-scheduler';
export const GENERATE_OCCURRENCE_JOB = 'schedules.generate-occurrence';

/** The Job Scheduler id of a schedule: stable, derived from its row. */
export function schedulerIdFor(scheduleId: string): string {
  return `schedule:${scheduleId}`;
}

export async function queueSchedulerSync(tx: Tx, scheduleIds: string[]): Promise<void> {
  await enqueueOutbox(tx, ...scheduleIds.map((scheduleId) => ({ kind: 'job' as const, topic: SYNC_SCHEDULE_JOB, payload: { scheduleId } })));
}
