import type { Db } from '@/db/client';
import type { OutboxRow } from '@/db/schema';
import { withTimeout } from '@/lib/time/with-timeout';
import {
  claimOutbox,
  nextOutboxDueAt,
  parkAbandonedOutbox,
  recordOutcomes,
  releaseOutbox,
  type ClaimedRow,
  type Outcome,
} from './outbox-lease';

/** Delivers one message or throws; must be idempotent, as delivery is at least once. */
export type Deliverer = (message: OutboxRow) => Promise<void>;

export type DrainResult = { delivered: number; retried: number; failed: number };

export type DrainOptions = {
  /** Deliveries in flight at once; a provider's round trip dominates each one. */
  concurrency?: number;
  /** Rows per claim; by default as many as can be in flight, so a worker holds little. */
  batchSize?: number;
  /** How long a claim holds its rows before another worker may take them. */
  leaseMs?: number;
  /** Each delivery's limit; below the lease, so a slow delivery never outlives its claim. */
  deliveryTimeoutMs?: number;
  /** A drain stops claiming after this and returns; the caller drains again if it did work. */
  budgetMs?: number;
  /** Kinds not to claim now (e.g. 'job' while Redis is down): they wait, attempts untouched. */
  skipKinds?: () => string[];
  log?: (message: string, extra?: Record<string, unknown>) => void;
};

export const OUTBOX_DEFAULTS = {
  concurrency: 10,
  leaseMs: 60_000,
  deliveryTimeoutMs: 30_000,
  budgetMs: 5_000,
};

/** 30 s, 1 min, 2 min... capped at an hour: a provider outage is ridden out, not hammered. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export type OutboxDrainer = {
  /** Delivers due rows until none is due or the budget is spent. One drain at a time. */
  drain(): Promise<DrainResult>;
  /**
   * Stops claiming, gives back at once what was claimed and not started, lets deliveries in
   * flight finish for up to `graceMs`, then gives back those too: their late outcome is
   * refused by the claim guard, and another worker delivers them (Resend's idempotency key
   * makes that a no-op where the first one got through; SMTP may repeat it, as after a crash).
   */
  stop(graceMs: number): Promise<void>;
  /**
   * When the next pending row comes due, if any: the loop sleeps until then. Kinds skipped
   * now are left out: a held-back 'job' row is due, but waking for it every 50 ms until Redis
   * is back would only poll PostgreSQL; the caller wakes the loop when it is back.
   */
  nextDueAt(): Promise<Date | undefined>;
};

export function createOutboxDrainer(
  db: Db,
  deliverers: Partial<Record<string, Deliverer>>,
  options: DrainOptions = {},
): OutboxDrainer {
  const concurrency = options.concurrency ?? OUTBOX_DEFAULTS.concurrency;
  const batchSize = options.batchSize ?? concurrency;
  const leaseMs = options.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
  // Half the lease at most: a delivery gives up well before another worker may take its row.
  const timeoutMs = Math.min(
    options.deliveryTimeoutMs ?? OUTBOX_DEFAULTS.deliveryTimeoutMs,
    Math.floor(leaseMs / 2),
  );
  const budgetMs = options.budgetMs ?? OUTBOX_DEFAULTS.budgetMs;
  const log = options.log ?? (() => {});

  /** Every row this worker holds a lease on, claimed and not yet recorded or released. */
  const held = new Map<number, ClaimedRow>();
  /** Claimed, not yet handed to a deliverer. */
  const buffer: ClaimedRow[] = [];
  let stopping = false;
  let current: Promise<DrainResult> | undefined;

  // Outcomes that finish while a write is in flight go together in the next one.
  const toRecord: {
    row: ClaimedRow;
    outcome: Outcome;
    settle: (recorded: boolean | Error) => void;
  }[] = [];
  let recording: Promise<void> | undefined;
  function record(row: ClaimedRow, outcome: Outcome): Promise<boolean> {
    const settled = new Promise<boolean | Error>((settle) =>
      toRecord.push({ row, outcome, settle }),
    );
    recording ??= (async () => {
      while (toRecord.length) {
        const batch = toRecord.splice(0, 500);
        try {
          const recorded = await recordOutcomes(db, batch);
          for (const entry of batch) entry.settle(recorded.has(entry.row.id));
        } catch (error) {
          for (const entry of batch)
            entry.settle(error instanceof Error ? error : new Error(String(error)));
        }
      }
      // Here, with no await since the loop's last look: an outcome added later starts a new write.
      recording = undefined;
    })();
    return settled.then((r) => (r instanceof Error ? Promise.reject(r) : r));
  }

  async function deliverOne(row: ClaimedRow, result: DrainResult): Promise<void> {
    let outcome: Outcome;
    try {
      const deliver = deliverers[row.kind];
      if (!deliver) throw new Error(`no deliverer for outbox kind "${row.kind}"`);
      await withTimeout(
        deliver(row),
        timeoutMs,
        `the delivery did not finish within ${timeoutMs / 1000} s`,
      );
      outcome = { status: 'sent' };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      // Parked after the last attempt, where administrators see it and can retry it.
      outcome =
        row.attempts >= row.maxAttempts
          ? { status: 'failed', error: message }
          : {
              status: 'retry',
              error: message,
              retryAt: new Date(Date.now() + retryDelayMs(row.attempts)),
            };
    }
    if (!held.has(row.id)) return; // released by a shutdown meanwhile: not ours to record
    try {
      if (await record(row, outcome))
        result[
          outcome.status === 'sent'
            ? 'delivered'
            : outcome.status === 'failed'
              ? 'failed'
              : 'retried'
        ]++;
      else
        log('outbox lease lost before the outcome was recorded', {
          id: row.id,
          outcome: outcome.status,
        });
    } catch (error) {
      // The row keeps its lease and comes back after it: delivered again, never lost.
      log('could not record an outbox outcome; the row comes back after its lease', {
        id: row.id,
        error: String(error),
      });
    } finally {
      held.delete(row.id);
    }
  }

  async function run(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, retried: 0, failed: 0 };
    const deadline = Date.now() + budgetMs;
    result.failed += await parkAbandonedOutbox(db, batchSize);
    let exhausted = false;
    let claimError: unknown;
    let claiming: Promise<void> | undefined;
    const claimMore = () =>
      (claiming ??= (async () => {
        if (stopping || Date.now() > deadline) {
          exhausted = true;
          return;
        }
        try {
          const rows = await claimOutbox(db, {
            limit: batchSize,
            leaseMs,
            skipKinds: options.skipKinds?.(),
          });
          for (const row of rows) held.set(row.id, row);
          buffer.push(...rows);
          if (!rows.length) exhausted = true;
        } catch (error) {
          claimError = error;
          exhausted = true;
        }
      })().finally(() => (claiming = undefined)));
    // Lanes, not batches: each takes the next claimed row as soon as its delivery is done,
    // so one slow or hanging delivery holds one lane, never the rows behind it.
    const lane = async () => {
      while (!stopping) {
        const row = buffer.shift();
        if (row) await deliverOne(row, result);
        else if (exhausted) return;
        else await claimMore();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    if (claimError) throw claimError;
    return result;
  }

  return {
    nextDueAt: () => nextOutboxDueAt(db, options.skipKinds?.()),
    drain() {
      if (current) throw new Error('an outbox drain is already running on this drainer');
      current = run().finally(() => (current = undefined));
      return current;
    },
    async stop(graceMs) {
      stopping = true;
      const notStarted = buffer.splice(0);
      for (const row of notStarted) held.delete(row.id);
      if (notStarted.length) await releaseOutbox(db, notStarted);
      if (current) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          current.catch(() => {}),
          new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
        ]);
        clearTimeout(timer);
      }
      // Includes rows a claim in progress at the stop brought in after the first release.
      const stillHeld = [...held.values()];
      held.clear();
      buffer.length = 0;
      if (stillHeld.length) {
        log('outbox deliveries still running at shutdown, released for another worker', {
          ids: stillHeld.map((r) => r.id),
        });
        await releaseOutbox(db, stillHeld);
      }
    },
  };
}

/** Drains until nothing is due, with a drainer of its own and no time budget: tests and benchmarks. */
export function drainOutbox(
  db: Db,
  deliverers: Partial<Record<string, Deliverer>>,
  options: DrainOptions = {},
): Promise<DrainResult> {
  return createOutboxDrainer(db, deliverers, { budgetMs: Infinity, ...options }).drain();
}
