import { drainOutboxJob } from './drain-outbox';
import type { JobContext, JobDefinition } from './registry';
import { generateOccurrenceJob, reconcileSchedules, syncSchedulerJob } from './schedules';

// Every job the worker knows; later areas add theirs here.
export const ALL_JOBS: JobDefinition[] = [drainOutboxJob, generateOccurrenceJob, syncSchedulerJob];

/** Recurring jobs, upserted at start and after Redis comes back (it may have lost them). */
export const FIXED_SCHEDULERS = [
  // A safety net: the NOTIFY trigger wakes the worker at once; this catches a missed wake-up.
  { id: 'outbox.drain', every: 15_000, name: 'outbox.drain' },
];

/** Run at worker start and whenever Redis comes back: they rebuild Redis state from PostgreSQL. */
export const RECONCILERS: ((context: JobContext) => Promise<unknown>)[] = [reconcileSchedules];
