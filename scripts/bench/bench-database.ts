import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { migrateDatabase } from '../../db/migrate';
import { startEmbeddedPostgres } from '../embedded/postgres';
import { removeScratchFolder } from '../embedded/postgres-location';

// A throwaway, migrated database for one benchmark run: on BENCH_DATABASE_URL's server
// when set (a database of its own is created there and dropped after), otherwise on an
// embedded PostgreSQL in a temporary folder.

export type BenchDatabase = { url: string; close: () => Promise<void> };

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const cleanups: (() => Promise<void>)[] = [];
  let adminUrl: string;
  if (process.env.BENCH_DATABASE_URL) {
    const url = new URL(process.env.BENCH_DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
    cleanups.push(async () => removeScratchFolder(scratch));
    const pg = await startEmbeddedPostgres({
      dir: path.join(scratch, 'postgres'),
      ephemeral: true,
    });
    cleanups.push(pg.stop);
    adminUrl = pg.adminUrl;
  }
  const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    async close() {
      for (const cleanup of cleanups.reverse())
        await cleanup().catch((error) => console.error(`cleanup: ${(error as Error).message}`));
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function timeIt<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}
