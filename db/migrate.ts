import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { syncLibrary } from '@/lib/library/sync-library';
import { syncNoticeRules } from '@/lib/notice-clocks/sync-notice-rules';
import { syncCatalogue } from '@/lib/policies/sync-catalogue';
import { createDb } from './client';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number: every process that migrates takes this lock, so several web
// servers starting at once apply each migration exactly once.
const MIGRATION_LOCK = 7_266_130_001;

/** Applies every committed migration not yet applied. Safe to run from many processes at once. */
export async function migrateDatabase(url: string): Promise<void> {
  const db = createDb(url, { max: 1, applicationName: 'vigil-migrate' });
  try {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migrate(db, { migrationsFolder });
    // Shipped data that follows the schema: the policy catalogue, new and revised library
    // templates, the regulators' notification rules.
    await syncCatalogue(db);
    await syncLibrary(db);
    await syncNoticeRules(db);
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  } finally {
    await db.close();
  }
}
