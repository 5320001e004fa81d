import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The OpenAPI document states each string's maxLength of what is sent (zod's .max), and the
// API fuzzer holds the API to it: a schema that trims first and measures after accepted 1,000
// line breaks as a group name documented "at most 100". So lengths are measured before the
// trim: `.max(n).trim()`, never `.trim().max(n)`.
const TRIM_THEN_MAX =
  /\.trim\(\)(?:\s*\.(?:min|toLowerCase|optional|default|catch|refine|regex)\((?:[^()]|\([^()]*\))*\))*\s*\.max\(/;

describe('string schemas', () => {
  it('measure a value before trimming it', () => {
    const files = execFileSync('git', ['ls-files', 'lib', 'app', 'components', 'db'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => /\.tsx?$/.test(file));
    const offenders = files.filter((file) => TRIM_THEN_MAX.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
