import type { Db } from '@/db/client';
import { isDatabaseUnavailable, rootMessage } from '@/lib/db-errors';
import { withLogContext } from '@/lib/log';
import {
  dueScheduleIds,
  generateDueSchedule,
  giveUpOnOccurrence,
  initialiseCursors,
  MAX_GENERATION_FAILURES,
  nextDueAt,
  recordGenerationFailure,
} from '@/lib/schedules/generate-due';
import { DEFAULT_CATCH_UP_LIMIT } from '@/lib/schedules/late-policy';
import { reconcilePeriods, RECONCILE_HORIZON_MS } from '@/lib/schedules/reconcile-periods';
import type { Clock } from '@/lib/time/clock';

// Task schedules are generated from PostgreSQL alone: a loop finds schedules whose cursor
// (next_occurrence_at) has come due and accounts for their periods, each in its own short
// transaction under the schedule's row lock (SKIP LOCKED, so several workers share the
// work). No Redis is involved: a flushed, restarted or stale Redis cannot stop or double
// generation. The loop sleeps until the next cursor, at most a second, so a new or edited
// schedule is picked up within a second. A periodic reconcile repairs what the cursor
// cannot see (lib/schedules/reconcile-periods.ts).

export type ScheduleGeneratorOptions = {
  db: Db;
  clock: Clock;
  log: (message: string, extra?: Record<string, unknown>) => void;
  /** Schedules generated at the same time. */
  concurrency: number;
  catchUpLimit?: number;
  /** Real milliseconds between reconciles; the first runs at start. */
  reconcileEveryMs?: number;
};

export type ScheduleGenerator = { close(): Promise<void> };

const BATCH = 200;
const MAX_SLEEP_MS = 1_000;
const BACKOFF_FIRST_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
const RECONCILE_EVERY_MS = 10 * 60_000;

/** 5 s, 10 s, 20 s … at most 5 min, in the clock's time. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1));
}

export type GenerationPass = {
  /** Generates what is due now; true when it stopped at the batch size (more may be due). */
  run(): Promise<boolean>;
  /** Real milliseconds until there is work again, at most a second. */
  msUntilWork(): Promise<number>;
};

/** The generator's unit of work, without the loop: tests drive it with their own clock. */
export function createGenerationPass(
  options: Omit<ScheduleGeneratorOptions, 'reconcileEveryMs'> & { isStopping?: () => boolean },
): GenerationPass {
  const { db, clock, log } = options;
  const catchUpLimit = options.catchUpLimit ?? DEFAULT_CATCH_UP_LIMIT;
  const isStopping = options.isStopping ?? (() => false);
  // Schedules whose last attempt failed, and when (clock time) to try them again.
  const backingOff = new Map<string, number>();

  function retryable(): string[] {
    const now = clock.now().getTime();
    for (const [id, until] of backingOff) if (until <= now) backingOff.delete(id);
    return [...backingOff.keys()];
  }

  async function handleFailure(scheduleId: string, error: unknown): Promise<void> {
    const message = rootMessage(error);
    const failures = await recordGenerationFailure(db, scheduleId, message);
    log('schedule generation failed', { scheduleId, failures, error: message });
    if (failures >= MAX_GENERATION_FAILURES) {
      const periodKey = await giveUpOnOccurrence(db, scheduleId, message);
      log('schedule period recorded as missed after repeated failures', {
        scheduleId,
        periodKey,
        error: message,
      });
      backingOff.delete(scheduleId);
      return;
    }
    backingOff.set(scheduleId, clock.now().getTime() + backoffMs(failures));
  }

  return {
    async run() {
      const ids = await dueScheduleIds(db, clock.now(), BATCH, retryable());
      let next = 0;
      let unavailable: unknown;
      const recordFailure = (id: string, error: unknown) =>
        handleFailure(id, error).catch((e) => {
          if (isDatabaseUnavailable(e)) unavailable = e;
          else
            log('could not record a generation failure', { scheduleId: id, error: rootMessage(e) });
        });
      await Promise.all(
        Array.from({ length: Math.min(options.concurrency, ids.length) }, async () => {
          while (next < ids.length && !unavailable && !isStopping()) {
            const id = ids[next++];
            // Lines logged for this schedule's run, here or in the domain code, carry its id.
            await withLogContext({ run: 'schedule.generate', scheduleId: id }, async () => {
              try {
                await generateDueSchedule(db, id, { now: clock.now(), catchUpLimit });
                backingOff.delete(id);
              } catch (error) {
                // An outage only delays: nothing is counted, the periods come late afterwards.
                if (isDatabaseUnavailable(error)) unavailable = error;
                else await recordFailure(id, error);
              }
            });
          }
        }),
      );
      if (unavailable) throw unavailable;
      return ids.length === BATCH;
    },
    async msUntilWork() {
      const due = await nextDueAt(db, retryable());
      const retries = [...backingOff.values()].map((until) => clock.realMsUntil(new Date(until)));
      return Math.min(MAX_SLEEP_MS, due ? clock.realMsUntil(due) : MAX_SLEEP_MS, ...retries);
    },
  };
}

export function startScheduleGenerator(options: ScheduleGeneratorOptions): ScheduleGenerator {
  const { db, clock, log } = options;
  const catchUpLimit = options.catchUpLimit ?? DEFAULT_CATCH_UP_LIMIT;
  let stopping = false;
  let wakeSleeper: (() => void) | undefined;
  const generation = createGenerationPass({ ...options, isStopping: () => stopping });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        resolve();
      }
      wakeSleeper = done;
    });

  const loop = (async () => {
    let started = false;
    while (!stopping) {
      try {
        if (!started) {
          const cursors = await initialiseCursors(db);
          if (cursors.initialised || cursors.ended) log('schedule cursors initialised', cursors);
          started = true;
        }
        if (await generation.run()) continue;
        await sleep(await generation.msUntilWork());
      } catch (error) {
        const unreachable = isDatabaseUnavailable(error);
        log(
          unreachable
            ? 'schedule generation paused: the database is unreachable; retrying'
            : 'schedule generation pass failed; retrying',
          { error: rootMessage(error) },
        );
        await sleep(MAX_SLEEP_MS);
      }
    }
  })();

  // The reconcile runs beside the loop, not in it: a long one never delays an on-time period.
  let reconciling: Promise<void> | undefined;
  const reconcile = () =>
    (reconciling ??= (async () => {
      try {
        const result = await reconcilePeriods(db, {
          now: clock.now(),
          horizonMs: RECONCILE_HORIZON_MS,
          catchUpLimit,
        });
        log('schedule periods reconciled', result);
      } catch (error) {
        log('schedule reconcile failed; it runs again on its timer', { error: rootMessage(error) });
      }
    })().finally(() => (reconciling = undefined)));
  void reconcile();
  const reconcileTimer = setInterval(
    () => void reconcile(),
    options.reconcileEveryMs ?? RECONCILE_EVERY_MS,
  );

  return {
    async close() {
      stopping = true;
      clearInterval(reconcileTimer);
      wakeSleeper?.();
      await loop;
      await reconciling;
    },
  };
}
