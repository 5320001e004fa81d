import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `next build` takes minutes, so `npm start` runs it only when something that goes into
// the build changed since the last successful one. The stamp is a hash of those inputs,
// written into .next/ after a build succeeds; a failed or interrupted build leaves the
// old stamp (or none), so the next start builds again.

/**
 * Everything the web bundle can import or that configures the build. Broader than the
 * strict minimum on purpose: a needless rebuild costs minutes, a stale build serves old
 * code without saying so. jobs/ is here because pages may enqueue through it; db/ but
 * not db/migrations, which the launcher applies and the bundle never reads.
 */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'db',
  'emails',
  'jobs',
  'public',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  // Next conventions that live at the root when a project has them.
  'proxy.ts',
  'middleware.ts',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'auth.ts',
  'auth.config.ts',
];
const IGNORED_NAMES = new Set(['node_modules', '.next', '.git', '.DS_Store']);
const IGNORED_PATHS = new Set([path.join('db', 'migrations')]);
const STAMP = 'vigil-build-stamp.json';

export type BuildStamp = { hash: string; builtAt: string };

/** Hash of the build inputs under `root`, plus NEXT_PUBLIC_* values (inlined at build time). */
export function hashBuildInputs(
  root = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): string {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((input) => listFiles(root, input)).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  for (const key of Object.keys(env)
    .filter((k) => k.startsWith('NEXT_PUBLIC_'))
    .sort()) {
    hash.update(`env:${key}=${env[key]}\0`);
  }
  return hash.digest('hex');
}

/** Why a build is needed, or null when the last build matches `hash`. */
export function buildNeeded(hash: string, root = process.cwd()): string | null {
  const distDir = path.join(root, '.next');
  if (!existsSync(path.join(distDir, 'BUILD_ID'))) return 'there is no production build yet';
  let stamp: Partial<BuildStamp>;
  try {
    stamp = JSON.parse(readFileSync(path.join(distDir, STAMP), 'utf8')) as Partial<BuildStamp>;
  } catch {
    return 'the existing build was not made by `npm start`';
  }
  return stamp.hash === hash ? null : 'the sources changed since the last build';
}

/**
 * Call after `next build` succeeded, with the hash taken *before* it ran, so an edit made
 * during the build still triggers the next one.
 */
export function writeBuildStamp(hash: string, root = process.cwd()): void {
  const stamp: BuildStamp = { hash, builtAt: new Date().toISOString() };
  writeFileSync(path.join(root, '.next', STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
}

function listFiles(root: string, relative: string): string[] {
  let stats;
  try {
    stats = statSync(path.join(root, relative));
  } catch {
    return [];
  }
  if (stats.isFile()) return [relative];
  if (!stats.isDirectory()) return [];
  return readdirSync(path.join(root, relative))
    .filter((entry) => !IGNORED_NAMES.has(entry) && !IGNORED_PATHS.has(path.join(relative, entry)))
    .flatMap((entry) => listFiles(root, path.join(relative, entry)));
}
