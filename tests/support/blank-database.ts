import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type Db } from '../../db/client';

/**
 * A database with nothing in it, not even our migrations (unlike createTestDatabase, which
 * copies the migrated template): what an administrator gets from `createdb`.
 */
export async function createBlankDatabase(): Promise<{
  url: string;
  db: Db;
  drop(): Promise<void>;
}> {
  const adminUrl = inject('databaseAdminUrl');
  const name = `${inject('templateDatabase')}_blank_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template template0`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 3, applicationName: 'vigil-test' });
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}
