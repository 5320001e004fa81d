import postgres from 'postgres';
import type { DrainResult, OutboxDrainer } from '@/lib/outbox/drain-outbox';

export type OutboxLoop = {
  /** Drains now, or once more after the drain in progress. */
  wake(): void;
  /** Stops claiming; finishes or releases what is held within `graceMs`. */
  close(graceMs: number): Promise<void>;
};

/**
 * Drains the outbox in the worker process, never as a BullMQ job: email and webhooks do not
 * depend on Redis. NOTIFY arrives when a transaction that queued side effects commits;
 * wake-ups are coalesced (one during a drain runs another drain after it, so a row committed
 * just after a drain's last look is not left for the safety net). A drain is bounded in
 * time and the loop goes on while drains find work. The timer is the safety net for a
 * missed wake-up and for retries coming due.
 */
export async function startOutboxLoop(options: {
  databaseUrl: string;
  drainer: OutboxDrainer;
  log: (level: 'info' | 'warn', message: string, extra?: Record<string, unknown>) => void;
  safetyNetMs?: number;
}): Promise<OutboxLoop> {
  const { drainer, log } = options;
  let draining: Promise<void> | undefined;
  let closing = false;
  let wokenAgain = false;
  const worked = (r: DrainResult) => r.delivered + r.retried + r.failed > 0;

  const wake = () => {
    if (closing) return;
    wokenAgain = true;
    draining ??= run();
  };

  // A wake-up that arrives at any point of a pass, including while it works out when to
  // wake next, runs another pass: `draining` is cleared with no await since the last look
  // at `wokenAgain`, so no wake-up falls between the two. (A NOTIFY or Redis's 'ready' that
  // came during that look-up used to be dropped, leaving the row to the next-due timer if
  // the look-up had seen it, or else to the safety net.)
  async function run(): Promise<void> {
    while (wokenAgain && !closing) {
      wokenAgain = false;
      try {
        const result = await drainer.drain();
        if (worked(result)) {
          log('info', 'outbox drained', result);
          wokenAgain = true; // a drain that found work goes on
          continue;
        }
      } catch (error) {
        // PostgreSQL unreachable: the safety net tries again, no tight loop meanwhile.
        log('warn', 'outbox drain failed; the periodic drain will retry', { error });
        wokenAgain = false;
        break;
      }
      if (!wokenAgain && !closing) await wakeWhenNextDue();
    }
    draining = undefined;
  }

  // A retry's backoff or a dead worker's lease ends at a known time: wake then rather than
  // at the next safety-net tick (up to 15 s late).
  const safetyNetMs = options.safetyNetMs ?? 15_000;
  let nextDue: NodeJS.Timeout | undefined;
  async function wakeWhenNextDue() {
    try {
      const at = await drainer.nextDueAt();
      const inMs = at ? at.getTime() - Date.now() : Infinity;
      clearTimeout(nextDue);
      if (inMs < safetyNetMs) {
        nextDue = setTimeout(wake, Math.max(50, inMs + 20));
        nextDue.unref();
      }
    } catch {
      // The safety net covers it.
    }
  }

  const listener = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  await listener.listen('vigil_outbox', wake, wake);
  const timer = setInterval(wake, safetyNetMs);
  timer.unref();

  return {
    wake,
    async close(graceMs) {
      closing = true;
      clearInterval(timer);
      clearTimeout(nextDue);
      // Not `await draining` after this: a delivery hanging past the grace period has been
      // released, its outcome will be ignored, and it must not hold the shutdown.
      await Promise.all([drainer.stop(graceMs), listener.end({ timeout: 5 })]);
    },
  };
}
