import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Tests of the shipped entry points run what `npm start` and production run: the bundles in
// build/, built (once per test process) when missing or older than their sources. Builds
// from parallel test files are safe: each renames finished files into place.

const root = path.resolve(import.meta.dirname, '../..');
let checked = false;

export type RuntimeBundle = 'start' | 'start-web' | 'worker' | 'start-syslog' | 'vigil';

/** The path of build/<name>.js, up to date with the sources. */
export function runtimeBundle(name: RuntimeBundle): string {
  if (!checked) {
    execFileSync(
      process.execPath,
      [path.join(root, 'scripts', 'build-runtime.mjs'), '--if-stale'],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    checked = true;
  }
  return path.join(root, 'build', `${name}.js`);
}
