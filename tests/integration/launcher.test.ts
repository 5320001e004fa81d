import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPortFree } from '../../scripts/embedded/free-port';
import { removeLinkedClusters } from '../../scripts/embedded/postgres-location';
import { isProcessAlive, readPidFile, waitForProcessExit } from '../../scripts/embedded/processes';
import { runtimeBundle } from '../support/runtime-bundle';

// `npm start` as a user runs it: its bundle, in its own process, with a data folder of
// its own. --services-only stops short of building and serving the app, so what is
// tested here (embedded services, migrate, seed, shutdown, no orphans) takes seconds.

const root = path.resolve(import.meta.dirname, '../..');

let scratch: string;
const running = new Set<ChildProcess>();
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-launcher-'));
});
afterEach(() => {
  // A failed assertion must not leave a launcher (and its servers) behind.
  for (const child of running) child.kill('SIGTERM');
});
afterAll(() => {
  // Under root, clusters of folders closed to the postgres user live elsewhere, behind a link.
  removeLinkedClusters(scratch);
  rmSync(scratch, { recursive: true, force: true });
});

type Launcher = { child: ChildProcess; output: () => string; exit: Promise<number | null> };

function launch(dataDir: string, args: string[], extraEnv: Record<string, string> = {}): Launcher {
  // The test run's own service URLs must not leak in: the launcher is to start its own.
  const env: NodeJS.ProcessEnv = { ...process.env, VIGIL_DATA_DIR: dataDir, ...extraEnv };
  for (const key of [
    'DATABASE_URL',
    'REDIS_URL',
    'AUTH_SECRET',
    'VIGIL_ADMIN_EMAIL',
    'VIGIL_ADMIN_PASSWORD',
  ])
    delete env[key];
  const child = spawn(process.execPath, ['--enable-source-maps', runtimeBundle('start'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exit };
}

async function waitForOutput(launcher: Launcher, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!launcher.output().includes(text)) {
    if (launcher.child.exitCode !== null)
      throw new Error(`launcher exited early:\n${launcher.output()}`);
    if (Date.now() > deadline)
      throw new Error(
        `launcher did not print "${text}" within ${timeoutMs} ms:\n${launcher.output()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function servicePids(dataDir: string): { postgres: number; redis: number } {
  const postgresPid = readPidFile(path.join(dataDir, 'postgres', 'postmaster.pid'));
  const redisPid = readPidFile(path.join(dataDir, 'redis', 'redis.pid'));
  if (!postgresPid || !redisPid)
    throw new Error('the launcher started PostgreSQL and Redis but their pid files are missing');
  return { postgres: postgresPid, redis: redisPid };
}

describe('npm start (scripts/start.ts)', () => {
  it('stops before starting anything when the web port is busy, naming the port', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const dataDir = path.join(scratch, 'busy-port');
      const launcher = launch(dataDir, [], { PORT: String(port) });
      expect(await withinMs(launcher.exit, 30_000, 'the launcher refusing a busy port')).not.toBe(
        0,
      );
      expect(launcher.output()).toContain(`Port ${port} is already in use`);
      expect(launcher.output()).toContain('PORT=');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      server.close();
    }
  });

  it('with --services-only: starts, migrates, seeds once, and leaves no process behind on SIGTERM or after a SIGKILL', async () => {
    const dataDir = path.join(scratch, 'services');

    // First start: a new organization, its credentials printed once.
    const first = launch(dataDir, ['--services-only']);
    await waitForOutput(first, 'Services are running');
    expect(first.output()).toContain('Sign in as the administrator');
    expect(first.output()).toContain(
      'npm run vigil -- user reset-password --email admin@example.com',
    );
    const databaseUrl = /DATABASE_URL=(\S+)/.exec(first.output())![1]!;
    const redisUrl = /REDIS_URL=(\S+)/.exec(first.output())![1]!;
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    expect(await sql`select count(*)::int as n from organization`).toEqual([{ n: 1 }]);
    await sql.end();
    const pids = servicePids(dataDir);
    expect(isProcessAlive(pids.postgres) && isProcessAlive(pids.redis)).toBe(true);

    first.child.kill('SIGTERM');
    expect(await withinMs(first.exit, 60_000, 'shutdown after SIGTERM')).toBe(0);
    expect(isProcessAlive(pids.postgres)).toBe(false);
    expect(isProcessAlive(pids.redis)).toBe(false);
    expect(await isPortFree(Number(new URL(databaseUrl).port))).toBe(true);
    expect(await isPortFree(Number(new URL(redisUrl).port))).toBe(true);

    // Second start on the same folder: the data is there, so nothing is seeded or printed.
    const second = launch(dataDir, ['--services-only']);
    await waitForOutput(second, 'Services are running');
    expect(second.output()).not.toContain('Sign in as the administrator');
    expect(new URL(/DATABASE_URL=(\S+)/.exec(second.output())![1]!).password).toBe(
      new URL(databaseUrl).password,
    );

    // The launcher is killed outright: its servers outlive it...
    const orphans = servicePids(dataDir);
    const launcherPid = readPidFile(path.join(dataDir, 'launcher.pid'))!;
    process.kill(launcherPid, 'SIGKILL');
    expect(await waitForProcessExit(launcherPid, 10_000)).toBe(true);
    second.child.kill('SIGTERM'); // the tsx wrapper, if it is still there
    await withinMs(second.exit, 10_000, 'the tsx wrapper exiting');
    expect(isProcessAlive(orphans.postgres) && isProcessAlive(orphans.redis)).toBe(true);

    // ...until the next start, which stops them before starting its own.
    const third = launch(dataDir, ['--services-only']);
    await waitForOutput(third, 'Services are running');
    expect(third.output()).toContain(
      `left running on ${path.join(dataDir, 'postgres')} by a previous run (pid ${orphans.postgres})`,
    );
    expect(third.output()).toContain(`(pid ${orphans.redis})`);
    expect(isProcessAlive(orphans.postgres) || isProcessAlive(orphans.redis)).toBe(false);
    const last = servicePids(dataDir);
    third.child.kill('SIGTERM');
    expect(await withinMs(third.exit, 60_000, 'shutdown after SIGTERM')).toBe(0);
    expect(isProcessAlive(last.postgres) || isProcessAlive(last.redis)).toBe(false);
    expect(existsSync(path.join(dataDir, 'launcher.pid'))).toBe(false);
  }, 180_000);

  it('starts from a data folder under a fresh 0700 folder, changes no folder above it, and prints where the data lives', async () => {
    // Like a clone under /root: the default data folder is inside a private folder.
    const closed = mkdtempSync(path.join(scratch, 'private-'));
    const pgDir = path.join(closed, 'data', 'postgres');
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    const modes = () =>
      [closed, scratch, path.dirname(scratch)].map(
        (dir) => `${dir} ${(statSync(dir).mode & 0o7777).toString(8)}`,
      );
    const before = modes();

    const launcher = launch(path.join(closed, 'data'), ['--services-only'], {
      VIGIL_DEMO_DATA: 'false',
    });
    await waitForOutput(launcher, 'Services are running');
    const dataIn = /PostgreSQL \d+ ready on \S+ in [\d.]+ s \(data in (.+)\)\.$/m.exec(
      launcher.output(),
    )?.[1];
    expect(dataIn, launcher.output()).toBeDefined();
    if (process.getuid?.() === 0) {
      // The postgres user cannot enter the private folder: the data is elsewhere, and said so.
      expect(dataIn!.startsWith(closed)).toBe(false);
      expect(lstatSync(pgDir).isSymbolicLink()).toBe(true);
      expect(launcher.output()).toContain(
        `keeps the PostgreSQL data in ${dataIn} (linked from ${pgDir})`,
      );
    } else {
      expect(dataIn).toBe(pgDir);
    }
    expect(existsSync(path.join(dataIn!, 'PG_VERSION'))).toBe(true);
    expect(modes()).toEqual(before);

    launcher.child.kill('SIGTERM');
    expect(await withinMs(launcher.exit, 60_000, 'shutdown after SIGTERM')).toBe(0);
    expect(modes()).toEqual(before);
  }, 120_000);
});
