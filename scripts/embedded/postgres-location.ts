import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SetupError } from './errors';
import { isProcessAlive, readPidFile } from './processes';
import { canEnter, firstClosedFolder, type RunAs } from './postgres-user';
import { ensureRootOwnedFolder, systemStateRoot } from './vigil-folders';

// Where a cluster lives. Normally at the folder the caller asked for. Under root, when the
// postgres user cannot enter that folder's parent (a checkout under /root or under a 0700
// folder), the cluster lives in a folder Vigil creates for the postgres user (mode 0700),
// and the asked-for path becomes a symbolic link to it: the next start finds the data
// again, even after the checkout moved, and `ls -l` shows where it is.

const TEMPORARY_PREFIX = 'vigil-postgres-';
/** Old enough that no start is still between creating a temporary cluster and linking it. */
const SWEEP_AFTER_MS = 60 * 60 * 1000;

export type ClusterPlace = {
  /** The folder PostgreSQL runs on (PGDATA). */
  dir: string;
  /** True when it is not the asked-for folder but a folder Vigil created for the postgres user. */
  relocated: boolean;
};

/** `requested`'s parent must exist; under root, pass who runs PostgreSQL (postgres-user.ts). */
export function placeCluster(
  requested: string,
  runAs: RunAs | undefined,
  note: (message: string) => void,
): ClusterPlace {
  const linked = followLink(requested);
  if (linked) {
    if (!canEnter([linked], runAs)) throw unreachable(linked, runAs!, 'its data');
    return { dir: linked, relocated: true };
  }
  const parent = path.dirname(requested); // created by the caller
  if (canEnter([parent], runAs)) return { dir: requested, relocated: false };
  if (exists(requested)) throw unreachable(requested, runAs!, 'an existing cluster');

  const underTemp = [os.tmpdir(), realpathSync(os.tmpdir())].some((tmp) =>
    isInside(requested, tmp),
  );
  const dir =
    underTemp && canEnter([os.tmpdir()], runAs)
      ? createTemporaryCluster(requested, runAs!)
      : createKeptCluster(requested, runAs!);
  try {
    symlinkSync(dir, requested);
  } catch (error) {
    throw new SetupError(
      `Could not link ${requested} to the PostgreSQL data in ${dir} (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  note(
    `PostgreSQL runs as the "${runAs!.user}" user, which cannot enter ${firstClosedFolder(parent, runAs!) ?? parent}; ` +
      `Vigil leaves that folder as it is and keeps the PostgreSQL data in ${dir} (linked from ${requested}).`,
  );
  return { dir, relocated: true };
}

/** The target of a link Vigil made earlier; undefined when `requested` is not a link. */
function followLink(requested: string): string | undefined {
  let target: string;
  try {
    if (!lstatSync(requested).isSymbolicLink()) return undefined;
    target = path.resolve(path.dirname(requested), readlinkSync(requested));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!exists(target)) {
    throw new SetupError(
      `${requested} links to the PostgreSQL data in ${target}, which no longer exists.\n` +
        `Restore ${target} from your backup, or remove the link (rm ${requested}) to start with an empty database.`,
    );
  }
  return target;
}

/** For data the caller keeps in the temp folder: a temp folder too, swept once it is orphaned. */
function createTemporaryCluster(requested: string, runAs: RunAs): string {
  sweepTemporaryClusters(runAs);
  const dir = mkdtempSync(path.join(os.tmpdir(), TEMPORARY_PREFIX));
  writeFileSync(`${dir}.link`, `${requested}\n`, { mode: 0o644 });
  chownSync(dir, runAs.uid, runAs.gid);
  return dir;
}

/** For data meant to last: one folder per data folder under the system state root. */
function createKeptCluster(requested: string, runAs: RunAs): string {
  const hash = createHash('sha256').update(path.resolve(requested)).digest('hex').slice(0, 12);
  const dir = path.join(ensureRootOwnedFolder(systemStateRoot()), `cluster-${hash}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chownSync(dir, runAs.uid, runAs.gid);
  return dir;
}

/**
 * Temporary clusters whose link is gone (a test run removed its scratch folder) and whose
 * server has stopped are removed by a later start, so test runs as root do not fill /tmp.
 */
function sweepTemporaryClusters(runAs: RunAs): void {
  const tmp = os.tmpdir();
  for (const entry of readdirSync(tmp)) {
    if (!entry.startsWith(TEMPORARY_PREFIX) || entry.endsWith('.link')) continue;
    const dir = path.join(tmp, entry);
    const linkFile = `${dir}.link`;
    try {
      const stats = lstatSync(dir);
      const link = lstatSync(linkFile);
      if (!stats.isDirectory() || stats.uid !== runAs.uid || !link.isFile() || link.uid !== 0)
        continue;
      if (Date.now() - link.mtimeMs < SWEEP_AFTER_MS) continue;
      const requested = readFileSync(linkFile, 'utf8').trim();
      if (followLinkQuietly(requested) === dir) continue;
      const pid = readPidFile(path.join(dir, 'postmaster.pid'));
      if (pid && isProcessAlive(pid)) continue;
      rmSync(dir, { recursive: true, force: true });
      rmSync(linkFile, { force: true });
    } catch {
      // Someone else's entry, or one being swept by a parallel start: not ours to judge.
    }
  }
}

function followLinkQuietly(requested: string): string | undefined {
  try {
    // readlink fails on anything that is not a link, so a real folder yields undefined.
    return path.resolve(path.dirname(requested), readlinkSync(requested));
  } catch {
    return undefined;
  }
}

function unreachable(dir: string, runAs: RunAs, what: string): SetupError {
  const closed = firstClosedFolder(dir, runAs) ?? dir;
  return new SetupError(
    `PostgreSQL runs as the "${runAs.user}" user, which cannot enter ${closed}, where ${what} is (${dir}).\n` +
      'Vigil does not change the permissions of folders it did not create. Either let that user through yourself ' +
      `(chmod o+x ${closed}), or move the cluster to a folder it can reach and link it back: ` +
      `mv ${dir} /var/lib/vigil-data && ln -s /var/lib/vigil-data ${dir}`,
  );
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Removes throwaway data (a test run's): the cluster, and when it was relocated the folder
 * Vigil created for it. Only for data nobody keeps; the launcher never calls this.
 */
export function removeCluster(requested: string): void {
  const linked = followLinkQuietly(requested);
  if (linked) {
    rmSync(linked, { recursive: true, force: true });
    rmSync(`${linked}.link`, { force: true });
  }
  rmSync(requested, { recursive: true, force: true });
}

/** removeCluster for every link under `folder`: a scratch folder about to be deleted. */
export function removeLinkedClusters(folder: string): void {
  // By hand rather than readdir's recursive option, which descends into the links too.
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isSymbolicLink()) removeCluster(file);
    else if (entry.isDirectory()) removeLinkedClusters(file);
  }
}

/**
 * Removes a scratch folder (a test's or a benchmark's) and the clusters it links to: as root
 * those live in a folder of their own under the OS temp folder, which rmSync of the scratch
 * alone would leave behind.
 */
export function removeScratchFolder(folder: string): void {
  if (existsSync(folder)) removeLinkedClusters(folder);
  rmSync(folder, { recursive: true, force: true });
}
