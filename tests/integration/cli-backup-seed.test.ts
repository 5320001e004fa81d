import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlankDatabase } from '../support/blank-database';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runVigil } from '../support/vigil-cli';

// `vigil seed`, `vigil backup FILE` and `vigil restore FILE` as an administrator types them.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = async (test: { db: TestDatabase['db'] }, table: string) =>
  (await test.db.$client.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0].n;

describe('vigil seed on a configured database', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.drop());

  it('creates only the administrator, even with VIGIL_DEMO_DATA=true', async () => {
    const run = await runVigil(['seed'], { DATABASE_URL: test.url, VIGIL_DEMO_DATA: 'true' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Administrator: admin@example\.com$/m);
    expect(run.stdout).not.toMatch(/Demo users/);
    expect(await count(test, 'users')).toBe(1);
    expect(await count(test, 'incidents')).toBe(0);
  });
});

describe('vigil seed --demo, backup and restore', () => {
  let source: TestDatabase;
  beforeAll(async () => {
    source = await createTestDatabase();
  });
  afterAll(() => source.drop());

  it('seeds the demo only when asked, and round-trips it through a backup file', async () => {
    const seeded = await runVigil(['seed', '--demo'], { DATABASE_URL: source.url });
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/Demo users, all with the password/);
    expect(await count(source, 'users')).toBeGreaterThan(1);

    const file = path.join(dir, 'demo.backup');
    const backup = await runVigil(['backup', file], { DATABASE_URL: source.url });
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/^Backed up \d+ tables, \d+ rows, to .+ in [\d.]+ s\.$/m);

    const again = await runVigil(['backup', file], { DATABASE_URL: source.url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const target = await createBlankDatabase();
    try {
      const restored = await runVigil(['restore', file], { DATABASE_URL: target.url });
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.stdout).toMatch(/^Restored \d+ tables, \d+ rows, from .+ in [\d.]+ s\.$/m);
      expect(restored.stdout).toMatch(/^Verify row counts and checksums: ok, /m);
      expect(await count(target, 'incidents')).toBe(await count(source, 'incidents'));

      const refused = await runVigil(['restore', file], { DATABASE_URL: target.url });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^Error: The target database is not empty/m);
      // The figures the README quotes, from this run.
      console.log(`[backup timing] ${backup.stdout.trim()} | ${restored.stdout.split('\n')[0]}`);
    } finally {
      await target.drop();
    }
  }, 240_000);

  it('says how to call it without a file', async () => {
    const run = await runVigil(['backup'], { DATABASE_URL: source.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/backup: give one FILE/);
  });
});
