import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { SetupError } from './errors';
import { isProcessAlive, readCommandLine, readPidFile } from './processes';

// The data folder holds everything a Vigil install cannot lose: the database, the queue,
// the signing secret. Every function here refuses rather than guesses: a folder that does
// not look like ours is reported, never repaired, moved or deleted.

const MARKER = 'vigil.json';
const MARKER_FORMAT = 1;
const LOCK = 'launcher.pid';
const AUTH_SECRET = 'auth-secret';

/** What a data folder may hold; a folder with only these (and no marker) predates the marker. */
const KNOWN_ENTRIES = new Set([
  MARKER,
  LOCK,
  AUTH_SECRET,
  'postgres',
  'postgres.password',
  'postgres.log',
  'postgres.log.1',
  'redis',
]);

export type DataDirMarker = {
  format: number;
  /** Vigil version that created the folder. */
  createdBy: string;
  createdAt: string;
  /** PostgreSQL major version the embedded cluster was created with; null until it exists. */
  postgresMajor: number | null;
};

export type PostgresDirState = 'absent' | 'empty' | 'initialised';

/** VIGIL_DATA_DIR as an absolute path; relative values are taken from `cwd`. */
export function resolveDataDir(value: string, cwd = process.cwd()): string {
  const expanded =
    value === '~' || value.startsWith('~/')
      ? path.join(process.env.HOME ?? '~', value.slice(1))
      : value;
  return path.resolve(cwd, expanded);
}

export function readVigilVersion(): string {
  const packageJson = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/**
 * Creates the folder (or checks an existing one) and returns its marker. A non-empty
 * folder without a marker and with files Vigil does not write is someone else's: we stop,
 * because starting would mix our files into theirs.
 */
export function prepareDataDir(dir: string, vigilVersion = readVigilVersion()): DataDirMarker {
  try {
    if (!statSync(dir).isDirectory()) {
      throw new SetupError(
        `VIGIL_DATA_DIR ${dir} is a file, not a folder. Point VIGIL_DATA_DIR at a folder.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirOrExplain(dir);
  }

  const markerPath = path.join(dir, MARKER);
  let text: string | undefined;
  try {
    text = readFileSync(markerPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) return parseMarker(markerPath, text);

  const foreign = readdirSync(dir).filter((entry) => !KNOWN_ENTRIES.has(entry));
  if (foreign.length > 0) {
    throw new SetupError(
      `${dir} is not empty and is not a Vigil data folder (it has no ${MARKER}; it holds ${listSome(foreign)}).\n` +
        'Vigil will not write into a folder it did not create. Set VIGIL_DATA_DIR to a new or empty folder.',
    );
  }
  const marker: DataDirMarker = {
    format: MARKER_FORMAT,
    createdBy: vigilVersion,
    createdAt: new Date().toISOString(),
    postgresMajor: null,
  };
  writeMarker(markerPath, marker, 'wx');
  return marker;
}

/** Records the PostgreSQL major the embedded cluster was created with, once. */
export function recordPostgresMajor(dir: string, major: number): void {
  const markerPath = path.join(dir, MARKER);
  const marker = parseMarker(markerPath, readFileSync(markerPath, 'utf8'));
  if (marker.postgresMajor === major) return;
  writeMarker(markerPath, { ...marker, postgresMajor: major }, 'w');
}

/**
 * Says whether `pgDir` holds a cluster Vigil can start with the bundled PostgreSQL.
 * An empty folder (a first start interrupted before initdb ran) is safe to initialise.
 */
export function inspectPostgresDir(pgDir: string, bundledMajor: number): PostgresDirState {
  let entries: string[];
  try {
    entries = readdirSync(pgDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'absent';
    if (code === 'ENOTDIR')
      throw new SetupError(
        `${pgDir} should be the PostgreSQL data folder but is a file. Move it aside and start again.`,
      );
    throw error;
  }
  if (entries.length === 0) return 'empty';

  if (!entries.includes('PG_VERSION')) {
    throw new SetupError(
      `${pgDir} is not a usable PostgreSQL data folder: it has files but no PG_VERSION.\n` +
        'It may be the remains of an interrupted first start, or something copied there by hand. Vigil has not touched it.\n' +
        `If it holds nothing you need, move it aside (mv ${pgDir} ${pgDir}.broken) and start again to create a new database;\n` +
        'otherwise restore it from your backup.',
    );
  }
  const major = Number.parseInt(readFileSync(path.join(pgDir, 'PG_VERSION'), 'utf8').trim(), 10);
  if (major !== bundledMajor) {
    throw new SetupError(
      `${pgDir} was created by PostgreSQL ${Number.isNaN(major) ? '(unreadable PG_VERSION)' : major}, but this Vigil runs PostgreSQL ${bundledMajor}.\n` +
        'PostgreSQL cannot open a data folder from another major version. Vigil has not touched it.\n' +
        `Either run the Vigil version that created it, or upgrade the data: dump it with that version (pg_dumpall) and restore into a new VIGIL_DATA_DIR, or use pg_upgrade.`,
    );
  }
  return 'initialised';
}

/**
 * The secret that signs sessions. Generated once and kept, because a new one would sign
 * everybody out at every restart.
 */
export function ensureAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, AUTH_SECRET);
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) {
      throw new SetupError(
        `${file} holds a secret shorter than 32 characters. Vigil will not replace it by itself, because that signs everybody out.\n` +
          `Delete the file to have a new one generated, or set AUTH_SECRET.`,
      );
    }
    // Tighten, never loosen: the secret lets anyone forge a session.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it between our read and write: theirs wins.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return ensureAuthSecret(dataDir);
    throw error;
  }
  return secret;
}

/**
 * One launcher per data folder: two would start two PostgreSQL servers on one cluster.
 * A lock left by a killed launcher is taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        if (readPidFile(file) === process.pid) unlinkSync(file);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = readPidFile(file);
    if (
      pid &&
      pid !== process.pid &&
      isProcessAlive(pid) &&
      /node|tsx/.test(readCommandLine(pid) ?? 'node')
    ) {
      throw new SetupError(
        `Another Vigil process (pid ${pid}) is using the data folder ${dir}: a running \`npm start\`, or a \`npm run vigil\` command.\n` +
          `Wait for it or stop it (kill ${pid}), or give this one its own folder with VIGIL_DATA_DIR.`,
      );
    }
    unlinkSync(file);
  }
  throw new SetupError(
    `Could not lock ${dir}: another launcher keeps taking it. Is Vigil starting twice?`,
  );
}

function parseMarker(markerPath: string, text: string): DataDirMarker {
  let marker: Partial<DataDirMarker>;
  try {
    marker = JSON.parse(text) as Partial<DataDirMarker>;
  } catch {
    throw new SetupError(
      `${markerPath} is not valid JSON. Vigil has not touched it; restore it from a backup or fix it by hand.`,
    );
  }
  if (marker.format !== MARKER_FORMAT || typeof marker.createdBy !== 'string') {
    throw new SetupError(
      `${markerPath} is from a Vigil version this one does not know (format ${String(marker.format)}). ` +
        'Run a Vigil at least as new as the one that created this folder.',
    );
  }
  return {
    format: marker.format,
    createdBy: marker.createdBy,
    createdAt: marker.createdAt ?? '',
    postgresMajor: marker.postgresMajor ?? null,
  };
}

function writeMarker(markerPath: string, marker: DataDirMarker, flag: 'w' | 'wx'): void {
  writeFileSync(markerPath, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o644, flag });
}

function mkdirOrExplain(dir: string): void {
  try {
    // Others may pass through (under root the postgres user must, to reach the cluster
    // when it is kept here) but not list what is inside.
    mkdirSync(dir, { recursive: true, mode: 0o711 });
  } catch (error) {
    throw new SetupError(
      `Could not create the data folder ${dir} (${(error as NodeJS.ErrnoException).code}). ` +
        'Set VIGIL_DATA_DIR to a folder this user can write to.',
    );
  }
}

function listSome(entries: string[]): string {
  const shown = entries.slice(0, 5).join(', ');
  return entries.length > 5 ? `${shown} and ${entries.length - 5} more` : shown;
}
