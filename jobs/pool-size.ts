/** Schedules the generator's loop works on at once (started from startWorker). */
export const GENERATOR_CONCURRENCY = 2;
/** The generator's connections: one per schedule in work, and one for its repair reconcile. */
export const GENERATOR_CONNECTIONS = GENERATOR_CONCURRENCY + 1;

/**
 * The database pool of one worker process, sized so no lane waits on another for a
 * connection (a 10-connection pool under 64 concurrent jobs would make them queue):
 *
 *   pool = main concurrency + critical concurrency + outbox concurrency
 *        + generator connections (2 generating + 1 reconciling) + 2 (the outbox claim, the scheduler keeper's reconcile)
 *
 * The defaults (4 + 2 + 10 + 3 + 2) give 21. The NOTIFY listener has a connection of its own.
 * Every worker process holds this many at most: PostgreSQL's max_connections must cover
 * the web servers' pools plus this times the number of workers.
 */
export function workerPoolSize(concurrency: {
  main: number;
  critical: number;
  outbox: number;
}): number {
  return concurrency.main + concurrency.critical + concurrency.outbox + GENERATOR_CONNECTIONS + 2;
}
