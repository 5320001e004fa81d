import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import {
  accessibilityScanFailures,
  accessibilityScans,
  settleAccessibilityScans,
  visitedPages,
} from '../support/axe';
import { failingViolations, formatCounts, type FileScans } from '../support/axe-report';

// Runs in every e2e file: after its tests, the pages its browsers showed must have no serious
// or critical axe violation. The scans are kept for the run's summary (tests/setup/axe-summary.ts).
afterAll(async () => {
  await settleAccessibilityScans();
  const scans = accessibilityScans();
  const file = path.basename(expect.getState().testPath ?? 'e2e');
  if (scans.length > 0) {
    const kept: FileScans = { scans: [...scans], visited: visitedPages() };
    writeFileSync(
      path.join(inject('axeResultsDir'), `${file}.json`),
      JSON.stringify(kept, null, 2),
    );
    console.log(`[axe] ${file}: ${formatCounts(scans)}`);
  }
  const broken = accessibilityScanFailures();
  if (broken.length > 0)
    throw new Error(`axe could not scan ${broken.length} pages:\n${broken.join('\n')}`);
  const failing = failingViolations(scans);
  if (failing.length > 0) {
    throw new Error(
      `${failing.length} serious or critical accessibility violations:\n${failing.join('\n')}`,
    );
  }
});
