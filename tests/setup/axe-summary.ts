import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  distinctScans,
  failingViolations,
  formatCounts,
  pageOf,
  type FileScans,
  type PageScan,
} from '../support/axe-report';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each e2e file leaves its accessibility scans for the run's summary. */
    axeResultsDir: string;
  }
}

// The e2e project's accessibility summary: each file fails on its own serious or critical
// violations (tests/setup/axe-check.ts); this prints the run's counts over every page state,
// each counted once however many files reached it.
export default function setup(project: TestProject) {
  const dir = path.resolve('test-results', 'axe');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  project.provide('axeResultsDir', dir);

  return () => {
    const scans: PageScan[] = [];
    const visited = new Set<string>();
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const kept = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as FileScans;
      scans.push(...kept.scans);
      for (const page of kept.visited) visited.add(page);
    }
    if (scans.length === 0) return;
    const distinct = distinctScans(scans);
    const pages = new Set(distinct.map((scan) => pageOf(scan.key)));
    console.log(`[axe] ${formatCounts(distinct)}`);
    console.log(`[axe] pages: ${[...pages].sort().join(', ')}`);
    // A page left before its scan finished, and never shown long enough again: say so, so the
    // gap is seen (a screenshot() there makes its scan certain).
    const missed = [...visited].filter((page) => !pages.has(page)).sort();
    if (missed.length > 0) console.log(`[axe] visited but not scanned: ${missed.join(', ')}`);
    for (const line of failingViolations(distinct)) console.log(`[axe] ${line}`);
  };
}
