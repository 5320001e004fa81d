import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type Db } from '../../db/client';

// Each test file gets its own database, copied from the run's migrated template
// (tests/setup/services.ts): no state shared between files, no truncation order to get
// right, and files can run in parallel.

export type TestDatabase = {
  name: string;
  /** As the superuser: for fixtures that arrange what the app could not. */
  url: string;
  /** As the runtime role, the one the app connects as (tests/setup/services.ts). */
  runtimeUrl: string;
  db: Db;
  /** Closes the pool and drops the database; call it in afterAll. */
  drop(): Promise<void>;
};

/**
 * `beforeAll(async () => { test = await createTestDatabase(); })`
 * `afterAll(() => test.drop())`
 */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  const template = inject('templateDatabase');
  // Named after the template so the run's teardown finds any a test forgot to drop.
  const name = `${template}_${randomBytes(4).toString('hex')}`;

  await withAdmin(adminUrl, async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(
          `create database "${name}" template "${template}" owner "${inject('migratorRole')}"`,
        );
        return;
      } catch (error) {
        // 55006: the template is briefly busy while another file copies it.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await sleep(50 * attempt);
      }
    }
  });

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: options.max ?? 5, applicationName: 'vigil-test' });
  let dropped = false;
  return {
    name,
    url: url.toString(),
    runtimeUrl: runtimeUrlOf(url.toString()),
    db,
    async drop() {
      if (dropped) return;
      dropped = true;
      await db.close();
      await withAdmin(adminUrl, (admin) =>
        admin.unsafe(`drop database if exists "${name}" with (force)`),
      );
    },
  };
}

async function withAdmin<T>(
  adminUrl: string,
  work: (admin: postgres.Sql) => Promise<T>,
): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** `url` (any database of the run) with the runtime role's credentials. */
export function runtimeUrlOf(url: string): string {
  const runtime = new URL(url);
  runtime.username = inject('runtimeRole');
  runtime.password = inject('runtimeRolePassword');
  return runtime.toString();
}
