import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOutboxLoop } from '@/jobs/outbox-loop';
import {
  createOutboxDrainer,
  type DrainResult,
  type OutboxDrainer,
} from '@/lib/outbox/drain-outbox';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { waitFor } from '../support/wait-for';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase({ max: 2 });
});
afterAll(async () => {
  await test?.drop();
});

const nothing: DrainResult = { delivered: 0, retried: 0, failed: 0 };

it('drains again for a wake-up that arrives while the loop looks up the next due row', async () => {
  // Redis's 'ready' (or a NOTIFY) can come just as a pass that found nothing is asking when
  // to wake next; with the safety net far away only that wake-up can start the next drain.
  let drains = 0;
  let lookingUp: (() => void) | undefined;
  const drainer: OutboxDrainer = {
    drain: async () => {
      drains++;
      return nothing;
    },
    nextDueAt: () => new Promise((resolve) => (lookingUp = () => resolve(undefined))),
    stop: async () => {},
  };
  const loop = await startOutboxLoop({
    databaseUrl: test.url,
    drainer,
    log: () => {},
    safetyNetMs: 10 * 60_000,
  });
  try {
    loop.wake();
    await waitFor(
      'the first drain to look up the next due row',
      () => lookingUp !== undefined,
      5_000,
    );
    expect(drains).toBe(1);
    const finishLookUp = lookingUp!;
    lookingUp = undefined;
    loop.wake(); // during the look-up
    finishLookUp();
    await waitFor('a second drain', () => drains === 2, 2_000);
    (lookingUp as (() => void) | undefined)?.(); // a third look-up, if any, ends at once
    await sleep(50);
    expect(drains).toBe(2); // and no more: nothing woke it a third time
  } finally {
    await loop.close(1_000);
  }
});

it('does not count a held-back kind as due, so the loop waits for its wake-up instead of polling', async () => {
  await test.db.transaction((tx) =>
    enqueueOutbox(tx, { kind: 'job', topic: 'test.record-run', payload: {} }),
  );
  let redisReady = false;
  const drainer = createOutboxDrainer(
    test.db,
    { job: async () => {} },
    { skipKinds: () => (redisReady ? [] : ['job']) },
  );
  expect(await drainer.nextDueAt()).toBeUndefined();
  expect(await drainer.drain()).toEqual(nothing);
  redisReady = true;
  expect(await drainer.nextDueAt()).toBeInstanceOf(Date);
  expect(await drainer.drain()).toEqual({ delivered: 1, retried: 0, failed: 0 });
});
