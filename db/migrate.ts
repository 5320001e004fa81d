import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { syncLibrary } from '@/lib/library/sync-library';
import { syncNoticeRules } from '@/lib/notice-clocks/sync-notice-rules';
import { syncCatalogue } from '@/lib/policies/sync-catalogue';
import { createDb } from './client';
import { grantRuntimeRole } from './runtime-grants';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number: every process that migrates takes this lock, so several web
// servers starting at once apply each migration exactly once.
const MIGRATION_LOCK = 7_266_130_001;

export type MigrateOptions = {
  /**
   * Migrate as this role (SET ROLE) though connected as a superuser: the embedded cluster
   * and the test harness connect as `postgres`, yet the schema must belong to the migrator.
   */
  asRole?: string;
  /** Then grant this role what the application may do (db/runtime-grants.ts). */
  runtimeRole?: string;
};

/** Applies every committed migration not yet applied. Safe to run from many processes at once. */
export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<void> {
  const db = createDb(url, { max: 1, applicationName: 'vigil-migrate' });
  try {
    // One connection, so the role holds for every statement below.
    if (options.asRole) await db.execute(sql`set role ${sql.identifier(options.asRole)}`);
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migrate(db, { migrationsFolder });
    // Shipped data that follows the schema: the policy catalogue, new and revised library
    // templates, the regulators' notification rules.
    await syncCatalogue(db);
    await syncLibrary(db);
    await syncNoticeRules(db);
    if (options.runtimeRole) await grantRuntimeRole(db, options.runtimeRole);
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  } finally {
    await db.close();
  }
}
