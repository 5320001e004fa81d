import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

// Two sizes of the same fuzzing: `npm test` runs the CI size (a few hundred inputs in all,
// well under two minutes); `npm run test:fuzz` (VIGIL_FUZZ=full) runs over ten thousand.
// VIGIL_FUZZ_RUNS sets the runs per endpoint and per server action for a local experiment;
// VIGIL_FUZZ_SEED replays a run (fast-check prints the seed and path of any failure).

const RUNS = { ci: { api: 8, action: 4 }, full: { api: 200, action: 60 } };

function override(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.VIGIL_FUZZ_RUNS;
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`VIGIL_FUZZ_RUNS must be a positive whole number, not "${value}"`);
  return n;
}

export function fuzzSize(env: NodeJS.ProcessEnv = process.env) {
  const name = env.VIGIL_FUZZ === 'full' ? 'full' : 'ci';
  const runs = override(env);
  const seed = env.VIGIL_FUZZ_SEED ? Number(env.VIGIL_FUZZ_SEED) : undefined;
  if (seed !== undefined && !Number.isInteger(seed))
    throw new Error(`VIGIL_FUZZ_SEED must be a whole number, not "${env.VIGIL_FUZZ_SEED}"`);
  return {
    name,
    apiRuns: runs ?? RUNS[name].api,
    actionRuns: runs ?? RUNS[name].action,
    /** fast-check's options: the seed when replaying, and a bound on each property's time. */
    options: {
      ...(seed !== undefined ? { seed } : {}),
      // The first failure is reported as found, with its seed and path to replay it: shrinking
      // requests of 70,000 characters would take longer than the run.
      endOnFailure: true,
      interruptAfterTimeLimit: 20 * 60_000,
    },
  };
}

/** Where each fuzz file adds its count of inputs, for the run's total (tests/setup/fuzz-summary.ts). */
export function recordInputCount(file: string, counts: Record<string, number>): void {
  const summary = inject('fuzzSummaryFile');
  const line = JSON.stringify({ file, ...counts });
  console.log(`[fuzz] ${line}`);
  if (summary) appendFileSync(summary, `${line}\n`);
}
