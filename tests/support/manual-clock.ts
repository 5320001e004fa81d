import type { Clock } from '@/lib/time/clock';

/** A clock a test moves by hand: generation passes are then driven step by step, never waited for. */
export type ManualClock = Clock & { set(at: Date | string): void; advance(ms: number): void };

export function manualClock(start: Date | string): ManualClock {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    realMsUntil: (at) => (at <= now ? 0 : 50),
    set: (at) => void (now = new Date(at)),
    advance: (ms) => void (now = new Date(now.getTime() + ms)),
  };
}
