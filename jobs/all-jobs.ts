import { drainOutboxJob } from './drain-outbox';
import type { JobDefinition } from './registry';

// Every job the worker knows; later areas add theirs here.
export const ALL_JOBS: JobDefinition[] = [drainOutboxJob];

/** Recurring jobs, upserted at start and after Redis comes back (it may have lost them). */
export const FIXED_SCHEDULERS = [
  // A safety net: the NOTIFY trigger wakes the worker at once; this catches a missed wake-up.
  { id: 'outbox.drain', every: 15_000, name: 'outbox.drain' },
];
