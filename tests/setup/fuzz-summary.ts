import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each fuzz file adds a line with its count of inputs. */
    fuzzSummaryFile: string;
  }
}

// The fuzz project's total: each file counts the inputs it sent; this prints their sum
// once every file has run, the figure `npm run test:fuzz` is judged by.
export default function setup(project: TestProject) {
  const dir = path.resolve('test-results', 'fuzz');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'counts.jsonl');
  rmSync(file, { force: true });
  project.provide('fuzzSummaryFile', file);

  return () => {
    if (!existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
    let inputs = 0;
    let refused = 0;
    for (const line of lines) {
      const counts = JSON.parse(line) as { inputs: number; refused: number };
      inputs += counts.inputs;
      refused += counts.refused;
    }
    console.log(
      `[fuzz] ${inputs} inputs sent in all, ${refused} of them refused ` +
        '(a 4xx problem or an action error); any 5xx, throw or write on refusal failed its test above',
    );
  };
}
