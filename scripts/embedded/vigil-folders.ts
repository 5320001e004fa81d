import { lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SetupError } from './errors';

// The folders Vigil creates outside the checkout, only when it runs as root and the
// postgres user cannot reach the checkout: a copy of the PostgreSQL binaries and the
// clusters of data folders the postgres user cannot enter. Both are in a folder only root
// may write to, because root later runs what is inside (the binaries) as another user.

/** Where root keeps Vigil's shared state; the README lists it. */
export function systemStateRoot(): string {
  return process.platform === 'darwin' ? '/Library/Application Support/Vigil' : '/var/lib/vigil';
}

/**
 * Creates `dir` (root-owned, others may enter but not list) or checks that an existing one
 * is safe to use: a folder another user could write into could swap what root runs.
 */
export function ensureRootOwnedFolder(dir: string): string {
  try {
    mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
    mkdirSync(dir, { mode: 0o711 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new SetupError(
        `Could not create ${dir} (${(error as NodeJS.ErrnoException).code}) for the PostgreSQL files of Vigil.`,
      );
    }
  }
  const stats = lstatSync(dir);
  if (!stats.isDirectory() || stats.uid !== 0 || (stats.mode & 0o022) !== 0) {
    throw new SetupError(
      `${dir} exists but is not a folder owned by root and closed to writes by others, so Vigil will not keep PostgreSQL files there.\n` +
        'Move it aside, or set VIGIL_DATA_DIR to a folder the "postgres" user can reach (for example /var/lib/vigil-data).',
    );
  }
  return dir;
}
