import { ANCHOR_AUDIT_CHAIN, anchorAuditChainJob } from './anchor-audit-chain';
import { CHECK_NOTICE_CLOCKS, checkNoticeClocksJob } from './check-notice-clocks';
import { checkResponseTargetsJob } from './check-response-targets';
import { checkTaskRemindersJob } from './check-task-reminders';
import { drainOutboxJob } from './drain-outbox';
import type { FixedScheduler } from './keep-schedulers';
import { PRUNE_EVENT_PARTITIONS, pruneEventPartitionsJob } from './prune-event-partitions';
import { pruneRetentionJob, PRUNE_RETENTION } from './prune-retention';
import type { JobContext, JobDefinition } from './registry';
import { runTriggersJob, RUN_TRIGGERS } from './run-triggers';
import { legacyScheduleJobs, removeLegacyScheduleSchedulers } from './schedules';
import { sendDigestsJob } from './send-digests';

// Every job the worker knows; later areas add theirs here. jobs/lanes.ts says which queue
// carries each.
export const ALL_JOBS: JobDefinition[] = [
  drainOutboxJob,
  sendDigestsJob,
  checkResponseTargetsJob,
  checkTaskRemindersJob,
  ...legacyScheduleJobs,
  pruneRetentionJob,
  pruneEventPartitionsJob,
  runTriggersJob,
  checkNoticeClocksJob,
  anchorAuditChainJob,
];

/**
 * Recurring jobs, kept in Redis by jobs/keep-schedulers.ts: put back within a check
 * interval whenever Redis loses them. (The outbox's 15 s safety net is a timer in the
 * worker, not a scheduler: it must not depend on Redis.)
 */
export const FIXED_SCHEDULERS: FixedScheduler[] = [
  // These decide from PostgreSQL what is due and record what they sent: running late, twice,
  // or after Redis lost this schedule neither skips nor repeats a reminder.
  { id: 'notifications.send-digests', every: 60_000, name: 'notifications.send-digests' },
  {
    id: 'incidents.check-response-targets',
    every: 60_000,
    name: 'incidents.check-response-targets',
  },
  // Every minute, not once a day at 08:00: the organization's time zone is a database row
  // that can change, and a worker down at 08:00 must still remind when it comes back.
  { id: 'tasks.check-reminders', every: 60_000, name: 'tasks.check-reminders' },
  // Once a day (at 00:00 UTC); what it prunes is decided from dates, so a day missed is
  // caught up by the next run.
  { id: PRUNE_RETENTION, every: 24 * 3600_000, name: PRUNE_RETENTION },
  // Hourly, though a day expires once a day: a worker down at midnight drops it within the
  // hour it is back, and a run with nothing past the retention costs one catalog read.
  { id: PRUNE_EVENT_PARTITIONS, every: 3600_000, name: PRUNE_EVENT_PARTITIONS },
  // Every minute; each window is recorded once in PostgreSQL (lib/triggers/run-due.ts).
  { id: RUN_TRIGGERS, every: 60_000, name: RUN_TRIGGERS },
  // Every minute; each warning is claimed once in PostgreSQL (lib/notice-clocks/warnings.ts).
  { id: CHECK_NOTICE_CLOCKS, every: 60_000, name: CHECK_NOTICE_CLOCKS },
  // Hourly, though it anchors once a day: the UTC day is its key (lib/audit/anchor-chain.ts),
  // so a worker down at midnight still anchors that day within the hour it is back.
  { id: ANCHOR_AUDIT_CHAIN, every: 3600_000, name: ANCHOR_AUDIT_CHAIN },
];

/** Run at worker start, whenever Redis comes back, and when it is found to have lost state: they bring Redis in line with PostgreSQL. */
export const RECONCILERS: ((context: JobContext) => Promise<unknown>)[] = [
  removeLegacyScheduleSchedulers,
];
