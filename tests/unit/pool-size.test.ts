import { describe, expect, it } from 'vitest';
import { workerPoolSize } from '@/jobs/pool-size';

describe('worker database pool', () => {
  it('has a connection for every job, check and delivery that can run at once, plus the generator and the claim', () => {
    expect(workerPoolSize({ main: 4, critical: 2, outbox: 10 })).toBe(21);
    // The largest VIGIL_WORKER_CONCURRENCY no longer shares ten connections.
    expect(workerPoolSize({ main: 64, critical: 2, outbox: 10 })).toBe(81);
  });
});
