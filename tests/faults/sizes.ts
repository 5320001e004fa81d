import type { FaultSuiteSize } from './run-fault-suite';

// Two sizes of the same run. `npm test` runs the CI size (a simulated quarter holding the
// March and April daylight-saving changes of all six zones, in well under two minutes);
// `npm run test:faults` runs the full year. Each figure can be overridden for a local
// experiment: VIGIL_FAULTS_SCHEDULES, _DAYS, _SECONDS, _COUNT.

// Simulated time runs in 2027, ahead of the real clock: the worker's real-time jobs (due and
// overdue reminders) leave the generated tasks alone, and a timestamp the database wrote in
// real time can never be mistaken for a simulated one (tests/faults/run-fault-suite.ts).
const SIZES: Record<'ci' | 'full', FaultSuiteSize> = {
  ci: {
    schedules: 40,
    simulatedStart: new Date('2027-03-01T00:00:00Z'),
    simulatedDays: 92,
    realSeconds: 45,
    faults: 4,
  },
  full: {
    schedules: 200,
    simulatedStart: new Date('2027-01-01T00:00:00Z'),
    simulatedDays: 365,
    realSeconds: 180,
    faults: 16,
  },
};

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name} must be a positive number, not "${value}"`);
  return n;
}

/** VIGIL_FAULTS=full for the year; anything else (or nothing) for the CI size. */
export function faultSuiteSize(env: NodeJS.ProcessEnv): FaultSuiteSize & { name: 'ci' | 'full' } {
  const name = env.VIGIL_FAULTS === 'full' ? 'full' : 'ci';
  const base = SIZES[name];
  return {
    name,
    schedules: Math.round(positive(env, 'VIGIL_FAULTS_SCHEDULES', base.schedules)),
    simulatedStart: base.simulatedStart,
    simulatedDays: positive(env, 'VIGIL_FAULTS_DAYS', base.simulatedDays),
    realSeconds: positive(env, 'VIGIL_FAULTS_SECONDS', base.realSeconds),
    faults: Math.round(positive(env, 'VIGIL_FAULTS_COUNT', base.faults)),
  };
}
