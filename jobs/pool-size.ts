/** Connections reserved for the schedule generator's loop (started from startWorker). */
export const GENERATOR_CONNECTIONS = 2;

/**
 * The database pool of one worker process, sized so no lane waits on another for a
 * connection (a 10-connection pool under 64 concurrent jobs would make them queue):
 *
 *   pool = main concurrency + critical concurrency + outbox concurrency
 *        + generator connections (2) + 2 (the outbox claim, the scheduler keeper's reconcile)
 *
 * The defaults (4 + 2 + 10 + 2 + 2) give 20. The NOTIFY listener has a connection of its own.
 * Every worker process holds this many at most: PostgreSQL's max_connections must cover
 * the web servers' pools plus this times the number of workers.
 */
export function workerPoolSize(concurrency: { main: number; critical: number; outbox: number }): number {
  return concurrency.main + concurrency.critical + concurrency.outbox + GENERATOR_CONNECTIONS + 2;
}
