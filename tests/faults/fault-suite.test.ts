import { expect, it } from 'vitest';
import { FAULT_KINDS } from './fault-plan';
import { formatReport } from './print-report';
import { seedFromEnv } from './random';
import { runFaultSuite } from './run-fault-suite';
import { faultSuiteSize } from './sizes';

// A real worker process over simulated months while it is SIGKILLed and Redis and
// PostgreSQL are flushed and restarted under it: afterwards every schedule's ledger holds
// each period the oracle expects exactly once. `npm test` runs the CI size; `npm run
// test:faults` the full year (tests/faults/sizes.ts).

const size = faultSuiteSize(process.env);
const seed = seedFromEnv(process.env.VIGIL_FAULTS_SEED);

it(
  `accounts for every period of ${size.schedules} schedules over ${size.simulatedDays} simulated days of faults (seed ${seed})`,
  { timeout: size.realSeconds * 1000 + 300_000 },
  async () => {
    const report = await runFaultSuite(size, seed, (line) => console.log(line));
    console.log(formatReport(report));

    expect(report.check.expected).toBeGreaterThan(0);
    if (size.faults >= FAULT_KINDS.length) {
      for (const kind of FAULT_KINDS)
        expect(report.faultsByKind[kind], `faults of kind ${kind}`).toBeGreaterThan(0);
    }
    expect(report.check.duplicates).toBe(0);
    expect(report.check.tasks + report.check.missed).toBe(report.check.expected);
    expect(report.problems).toEqual([]);
  },
);
