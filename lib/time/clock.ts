// The worker's idea of "now". Production uses the system clock. The fault suite
// (tests/faults) runs real worker processes over a simulated year by setting
// VIGIL_TEST_CLOCK="<simulated start ISO>@<real start epoch ms>x<speed>": simulated time is
// the start plus the real time elapsed since, times the speed, so a restarted process picks
// up the same simulated time as the one it replaced.

export type Clock = {
  now(): Date;
  /** Real milliseconds until the simulated instant `at` (0 when it has passed). */
  realMsUntil(at: Date): number;
};

export const systemClock: Clock = {
  now: () => new Date(),
  realMsUntil: (at) => Math.max(0, at.getTime() - Date.now()),
};

export function compressedClock(simulatedStart: Date, realStartMs: number, speed: number): Clock {
  return {
    now: () => new Date(simulatedStart.getTime() + (Date.now() - realStartMs) * speed),
    realMsUntil: (at) =>
      Math.max(0, (at.getTime() - simulatedStart.getTime()) / speed + realStartMs - Date.now()),
  };
}

/** Parses VIGIL_TEST_CLOCK; throws with the expected form when it is malformed. */
export function parseTestClock(value: string): Clock {
  const match = /^(.+)@(\d+)x(\d+(?:\.\d+)?)$/.exec(value);
  const start = match ? new Date(match[1]) : undefined;
  if (!match || !start || Number.isNaN(start.getTime()) || Number(match[3]) <= 0) {
    throw new Error('VIGIL_TEST_CLOCK must look like 2026-01-01T00:00:00Z@1767225600000x3600');
  }
  return compressedClock(start, Number(match[2]), Number(match[3]));
}
