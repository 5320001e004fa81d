import type { Queue } from 'bullmq';
import type { Lane } from './lanes';
import { laneOf } from './lanes';

export type FixedScheduler = { id: string; name: string; every: number };

export type SchedulerKeeper = {
  /** Puts back the missing fixed schedulers; runs the reconcilers when any was missing, or when `force`d. */
  check(force?: boolean): Promise<void>;
  stop(): void;
};

/**
 * Keeps the fixed Job Schedulers in Redis. Redis can lose them without the connection ever
 * dropping (FLUSHALL, eviction, a failover to an empty replica), so this checks on a timer,
 * not only when the connection becomes ready. Each check reads the schedulers (cheap) and
 * upserts only those missing: an upsert of one that exists would replace its waiting job.
 * A missing one means Redis lost state, so the reconcilers (which rebuild Redis from
 * PostgreSQL: task schedules) run too; they also run whenever the connection is ready again.
 */
export function keepSchedulers(options: {
  queues: Record<Lane, Queue>;
  fixed: FixedScheduler[];
  reconcilers: (() => Promise<unknown>)[];
  log: (level: 'info' | 'warn', message: string, extra?: Record<string, unknown>) => void;
  intervalMs: number;
}): SchedulerKeeper {
  const { queues, fixed, log } = options;
  let running: Promise<void> | undefined;
  let forceNext = false;

  async function putBackMissing(): Promise<string[]> {
    const missing: string[] = [];
    for (const s of fixed) {
      const queue = queues[laneOf(s.name)];
      if (await queue.getJobScheduler(s.id)) continue;
      await queue.upsertJobScheduler(s.id, { every: s.every }, { name: s.name });
      missing.push(s.id);
    }
    return missing;
  }

  async function runOnce(force: boolean): Promise<void> {
    let missing: string[];
    try {
      missing = await putBackMissing();
    } catch (error) {
      log('warn', 'could not check the job schedulers; will retry', { error });
      return;
    }
    if (missing.length)
      log('warn', 'job schedulers were missing from Redis and are back', { missing });
    if (!force && !missing.length) return;
    for (const reconcile of options.reconcilers) {
      try {
        await reconcile();
      } catch (error) {
        log('warn', 'reconcile failed; will retry', { error });
      }
    }
  }

  // One check at a time; a forced one asked for meanwhile (Redis came back) runs after it.
  const check = (force = false): Promise<void> => {
    if (running) {
      forceNext ||= force;
      return running;
    }
    running = (async () => {
      let forced = force;
      do {
        forceNext = false;
        await runOnce(forced);
        forced = true;
      } while (forceNext);
    })().finally(() => (running = undefined));
    return running;
  };

  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}

/** Schedulers an older worker kept on the main queue: the drain safety net, and the checks now on the critical lane. */
export async function removeLegacySchedulers(
  main: Queue,
  fixed: FixedScheduler[],
  drainId: string,
): Promise<void> {
  for (const id of [drainId, ...fixed.filter((s) => laneOf(s.name) !== 'main').map((s) => s.id)])
    await main.removeJobScheduler(id);
}
