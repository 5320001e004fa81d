import { spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ensureAuthSecret,
  inspectPostgresDir,
  prepareDataDir,
} from '../../scripts/embedded/data-dir';
import { SetupError } from '../../scripts/embedded/errors';
import { isPortFree } from '../../scripts/embedded/free-port';
import { startEmbeddedPostgres } from '../../scripts/embedded/postgres';
import { removeCluster, removeLinkedClusters } from '../../scripts/embedded/postgres-location';
import { isProcessAlive } from '../../scripts/embedded/processes';
import { startEmbeddedRedis } from '../../scripts/embedded/redis';
import { createTestDatabase } from '../support/database';
import { createTestRedis } from '../support/redis';

// The embedded services against the real binaries: what `npm start` and the test setup
// rely on, including the failures an operator will meet (busy port, missing binary,
// a data folder that is not what it should be).

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-embedded-'));
});
afterAll(() => {
  // Under root, clusters of folders closed to the postgres user live elsewhere, behind a link.
  removeLinkedClusters(scratch);
  rmSync(scratch, { recursive: true, force: true });
});

/** A listening socket on a free port, to make a preferred port busy. */
async function occupyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Every file under `dir` with its size and content hash, to prove a folder was left alone. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((entry) => {
      const full = path.join(dir, entry);
      const stats = statSync(full);
      return stats.isFile() ? `${entry}:${readFileSync(full, 'base64')}` : `${entry}/`;
    });
}

describe('embedded PostgreSQL', () => {
  it('starts on another port when the preferred one is busy, and keeps its data and password across restarts', async () => {
    const dir = path.join(scratch, 'pg-restart', 'postgres');
    const busy = await occupyPort();
    const notes: string[] = [];
    try {
      const started = performance.now();
      const first = await startEmbeddedPostgres({
        dir,
        port: busy.port,
        ephemeral: true,
        onNote: (n) => notes.push(n),
      });
      console.log(
        `embedded postgres: first start (initdb) ${Math.round(performance.now() - started)} ms`,
      );
      try {
        expect(first.port).not.toBe(busy.port);
        expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/vigil$/);
        const sql = postgres(first.url, { max: 1, onnotice: () => {} });
        await sql`create table kept (value text)`;
        await sql`insert into kept values ('survives a restart')`;
        await sql.end();
      } finally {
        await first.stop();
      }
      expect(isProcessAlive(first.pid)).toBe(false);
      expect(await isPortFree(first.port)).toBe(true);
      expect(statSync(`${dir}.password`).mode & 0o777).toBe(0o600);

      // A run killed with SIGKILL leaves postmaster.pid behind; a dead pid in it must not block the next start.
      const deadPid = spawnSync('true').pid!;
      const pidFile = path.join(dir, 'postmaster.pid');
      writeFileSync(pidFile, `${deadPid}\n${dir}\n`);

      const restarted = performance.now();
      const second = await startEmbeddedPostgres({
        dir,
        ephemeral: true,
        onNote: (n) => notes.push(n),
      });
      console.log(`embedded postgres: restart ${Math.round(performance.now() - restarted)} ms`);
      try {
        expect(new URL(second.url).password).toBe(new URL(first.url).password);
        const sql = postgres(second.url, { max: 1, onnotice: () => {} });
        expect(await sql`select value from kept`).toEqual([{ value: 'survives a restart' }]);
        await sql.end();
        expect(notes.some((n) => n.includes('stale') && n.includes(String(deadPid)))).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      await busy.close();
    }
  });

  it('refuses a folder with files but no PG_VERSION, and leaves it exactly as it was', async () => {
    const dir = path.join(scratch, 'pg-corrupt', 'postgres');
    mkdirSync(path.join(dir, 'base'), { recursive: true });
    writeFileSync(path.join(dir, 'base', '1'), 'precious bytes');
    writeFileSync(path.join(dir, 'postgresql.conf'), '# hand-edited\n');
    const before = snapshot(dir);

    const error = await startEmbeddedPostgres({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toContain('no PG_VERSION');
    expect((error as Error).message).toContain(`mv ${dir} ${dir}.broken`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a cluster from another PostgreSQL major version', () => {
    const dir = path.join(scratch, 'pg-old', 'postgres');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'PG_VERSION'), '16\n');
    expect(() => inspectPostgresDir(dir, 17)).toThrow(
      /created by PostgreSQL 16, but this Vigil runs PostgreSQL 17/,
    );
    expect(readFileSync(path.join(dir, 'PG_VERSION'), 'utf8')).toBe('16\n');
  });
});

/** Mode and owner of each folder from `dir` up to /, to prove none was changed. */
function modesUpFrom(dir: string): string[] {
  const modes: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    const stats = statSync(current);
    modes.push(`${current} ${(stats.mode & 0o7777).toString(8)} ${stats.uid}`);
    if (current === path.dirname(current)) return modes;
  }
}

describe('embedded PostgreSQL from a folder closed to other users', () => {
  const isRoot = process.getuid?.() === 0;

  it('starts under a fresh 0700 folder without changing any folder above it, and says where the data lives', async () => {
    // Like a clone under /root: a private folder the postgres user (under root) cannot enter.
    const closed = mkdtempSync(path.join(scratch, 'private-'));
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    const dir = path.join(closed, 'data', 'postgres');
    const before = modesUpFrom(closed);
    const notes: string[] = [];
    try {
      const first = await startEmbeddedPostgres({
        dir,
        ephemeral: true,
        onNote: (n) => notes.push(n),
      });
      try {
        const sql = postgres(first.url, { max: 1, onnotice: () => {} });
        await sql`create table kept (value text)`;
        await sql`insert into kept values ('found through the link')`;
        await sql.end();
      } finally {
        await first.stop();
      }
      expect(modesUpFrom(closed)).toEqual(before);
      if (isRoot) {
        // The cluster is in a folder made for the postgres user, and the operator is told where.
        expect(first.dataDir.startsWith(closed)).toBe(false);
        expect(lstatSync(dir).isSymbolicLink()).toBe(true);
        expect(statSync(first.dataDir).mode & 0o777).toBe(0o700);
        expect(statSync(first.dataDir).uid).not.toBe(0);
        expect(notes.some((n) => n.includes(first.dataDir) && n.includes(closed))).toBe(true);
      } else {
        expect(first.dataDir).toBe(dir);
      }

      const second = await startEmbeddedPostgres({ dir, ephemeral: true });
      try {
        expect(second.dataDir).toBe(first.dataDir);
        const sql = postgres(second.url, { max: 1, onnotice: () => {} });
        expect(await sql`select value from kept`).toEqual([{ value: 'found through the link' }]);
        await sql.end();
      } finally {
        await second.stop();
      }
      expect(modesUpFrom(closed)).toEqual(before);
    } finally {
      const dataDir = lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()
        ? path.resolve(path.dirname(dir), readlinkSync(dir))
        : dir;
      removeCluster(dir);
      expect(lstatSync(dataDir, { throwIfNoEntry: false })).toBeUndefined();
    }
  });

  it('refuses an existing cluster the postgres user cannot enter, says how to fix it, and changes no folder', async () => {
    const closed = mkdtempSync(path.join(scratch, 'private-cluster-'));
    const dir = path.join(closed, 'postgres');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    writeFileSync(`${dir}.password`, 'kept\n', { mode: 0o600 });
    const before = modesUpFrom(dir);
    const error = await startEmbeddedPostgres({ dir }).catch((e: unknown) => e);
    // As a normal user the folder is reachable, and this stand-in cluster fails to start instead.
    expect(error).toBeInstanceOf(SetupError);
    if (isRoot) {
      // The scratch folder (mode 0700) is the first one closed to the postgres user.
      expect((error as Error).message).toContain(
        `cannot enter ${scratch}, where an existing cluster is (${dir})`,
      );
      expect((error as Error).message).toContain(`chmod o+x ${scratch}`);
    }
    expect(modesUpFrom(dir)).toEqual(before);
  });

  it('refuses, naming both paths, when the link to the data leads nowhere', async () => {
    const dir = path.join(scratch, 'dangling', 'postgres');
    mkdirSync(path.dirname(dir), { recursive: true });
    const gone = path.join(scratch, 'dangling', 'moved-away');
    symlinkSync(gone, dir);
    const error = await startEmbeddedPostgres({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toContain(
      `${dir} links to the PostgreSQL data in ${gone}, which no longer exists`,
    );
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
  });
});

describe('the data folder', () => {
  it('refuses a non-empty folder that Vigil did not create', () => {
    const dir = path.join(scratch, 'someone-elses');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'thesis.docx'), 'years of work');
    expect(() => prepareDataDir(dir, '0.1.0')).toThrow(/not a Vigil data folder/);
    expect(readdirSync(dir)).toEqual(['thesis.docx']);
  });

  it('marks a new folder and keeps one auth secret, readable by its owner only', () => {
    const dir = path.join(scratch, 'fresh', 'data');
    const marker = prepareDataDir(dir, '0.1.0');
    expect(marker).toMatchObject({ format: 1, createdBy: '0.1.0', postgresMajor: null });
    expect(prepareDataDir(dir, '0.2.0').createdBy).toBe('0.1.0');

    const secret = ensureAuthSecret(dir);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    expect(ensureAuthSecret(dir)).toBe(secret);
  });
});

describe('embedded Redis', () => {
  it('runs with an append-only file and noeviction, on another port when the preferred one is busy', async () => {
    const busy = await occupyPort();
    try {
      const redis = await startEmbeddedRedis({ dir: path.join(scratch, 'redis'), port: busy.port });
      try {
        expect(redis.port).not.toBe(busy.port);
        const client = new Redis(redis.url);
        expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
        expect(await client.config('GET', 'maxmemory-policy')).toEqual([
          'maxmemory-policy',
          'noeviction',
        ]);
        expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
        client.disconnect();
      } finally {
        await redis.stop();
      }
      expect(isProcessAlive(redis.pid)).toBe(false);
      expect(await isPortFree(redis.port)).toBe(true);
    } finally {
      await busy.close();
    }
  });

  it('explains how to install redis-server when it is not on PATH', async () => {
    const path_ = process.env.PATH;
    process.env.PATH = path.join(scratch, 'empty-bin');
    try {
      const error = await startEmbeddedRedis({ dir: path.join(scratch, 'redis-missing') }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SetupError);
      expect((error as Error).message).toContain('apt-get install redis-server');
      expect((error as Error).message).toContain('brew install redis');
      expect((error as Error).message).toContain('REDIS_URL');
    } finally {
      process.env.PATH = path_;
    }
  });
});

describe('test isolation (tests/support)', () => {
  it('gives each caller its own migrated database, and drops it', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      await a.db.execute(
        sql`insert into organization (name, time_zone) values ('Only in A', 'UTC')`,
      );
      expect(await a.db.execute(sql`select count(*)::int as n from organization`)).toEqual([
        { n: 1 },
      ]);
      expect(await b.db.execute(sql`select count(*)::int as n from organization`)).toEqual([
        { n: 0 },
      ]);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    const admin = postgres(inject('databaseAdminUrl'), { max: 1, onnotice: () => {} });
    expect(
      await admin`select datname from pg_database where datname in (${a.name}, ${b.name})`,
    ).toEqual([]);
    await admin.end();
  });

  it('gives each caller its own Redis key prefix, and flushes only that', async () => {
    const [a, b] = [createTestRedis(), createTestRedis()];
    expect(a.prefix).not.toBe(b.prefix);
    const client = new Redis(a.url);
    try {
      await client.set(`${a.prefix}:key`, '1');
      await client.set(`${b.prefix}:key`, '1');
      await a.flush();
      expect(await client.exists(`${a.prefix}:key`, `${b.prefix}:key`)).toBe(1);
      await b.flush();
      expect(await client.exists(`${b.prefix}:key`)).toBe(0);
    } finally {
      client.disconnect();
    }
  });
});
