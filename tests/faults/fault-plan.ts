import type { Random } from './random';

// When and what the fault suite breaks. The plan is drawn from the seed before the run, so a
// seed names the same faults at the same moments (the worker's timing still varies).

export const FAULT_KINDS = [
  'kill-worker',
  'flush-redis',
  'restart-redis',
  'restart-postgres',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type PlannedFault = {
  /** Real milliseconds after the simulated clock started. */
  atMs: number;
  kind: FaultKind;
  /** How long the victim stays down (the worker before its restart, a server before it starts again). */
  downMs: number;
};

const DOWN_MS: Record<FaultKind, [number, number]> = {
  // Long enough, at the suite's speeds, for more periods to come due than the catch-up limit.
  'kill-worker': [300, 6_000],
  'flush-redis': [0, 0],
  'restart-redis': [300, 3_000],
  'restart-postgres': [300, 4_000],
};

/**
 * `count` faults (each kind at least once when count allows) spread over [fromMs, untilMs]:
 * one per equal slot, at a random moment in its slot, so they never pile up on each other.
 */
export function planFaults(
  random: Random,
  count: number,
  fromMs: number,
  untilMs: number,
): PlannedFault[] {
  const kinds: FaultKind[] = [...FAULT_KINDS].slice(0, count);
  while (kinds.length < count) kinds.push(random.pick(FAULT_KINDS));
  random.shuffle(kinds);
  const slot = (untilMs - fromMs) / Math.max(1, count);
  return kinds.map((kind, i) => {
    const [minDown, maxDown] = DOWN_MS[kind];
    return {
      atMs: Math.round(fromMs + slot * i + random.next() * slot * 0.6),
      kind,
      downMs: random.int(minDown, maxDown),
    };
  });
}
