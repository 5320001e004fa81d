import { checkResponseTargetsJob } from './check-response-targets';
import { checkTaskRemindersJob } from './check-task-reminders';
import { drainOutboxJob } from './drain-outbox';
import type { JobContext, JobDefinition } from './registry';
import { legacyScheduleJobs, removeLegacyScheduleSchedulers } from './schedules';
import { sendDigestsJob } from './send-digests';

// Every job the worker knows; later areas add theirs here.
export const ALL_JOBS: JobDefinition[] = [
  drainOutboxJob,
  sendDigestsJob,
  checkResponseTargetsJob,
  checkTaskRemindersJob,
  ...legacyScheduleJobs,
];

/** Recurring jobs, upserted at start and after Redis comes back (it may have lost them). */
export const FIXED_SCHEDULERS = [
  // A safety net: the NOTIFY trigger wakes the worker at once; this catches a missed wake-up.
  { id: 'outbox.drain', every: 15_000, name: 'outbox.drain' },
  // These decide from PostgreSQL what is due and record what they sent: running late, twice,
  // or after Redis lost this schedule neither skips nor repeats a reminder.
  { id: 'notifications.send-digests', every: 60_000, name: 'notifications.send-digests' },
  { id: 'incidents.check-response-targets', every: 60_000, name: 'incidents.check-response-targets' },
  // Every minute, not once a day at 08:00: the organization's time zone is a database row
  // that can change, and a worker down at 08:00 must still remind when it comes back.
  { id: 'tasks.check-reminders', every: 60_000, name: 'tasks.check-reminders' },
];

/** Run at worker start and whenever Redis comes back: they bring Redis in line with PostgreSQL. */
export const RECONCILERS: ((context: JobContext) => Promise<unknown>)[] = [removeLegacyScheduleSchedulers];
