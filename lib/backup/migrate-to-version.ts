import { drizzle } from 'drizzle-orm/postgres-js';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Sql } from 'postgres';
import { migrationsFolder } from '@/db/migrate';
import { BackupRefusedError } from './errors';
import type { BackupManifest } from './manifest';

type MigrationConfig = { migrationsFolder: string };
type Migrator = { dialect: { migrate(m: unknown, s: unknown, c: MigrationConfig): Promise<void> } };

/**
 * Applies our migrations up to and including the backup's last one, and no further: the rows
 * go back into the schema they were copied from, and later migrations then upgrade them as
 * they would any database. Only the schema: the shipped catalogue comes from the backup.
 */
export async function migrateToVersion(sql: Sql, version: BackupManifest['migration']) {
  const migrations = readMigrationFiles({ migrationsFolder });
  const last = migrations.find((m) => m.folderMillis === version.createdAt);
  if (!last || last.hash !== version.hash)
    throw new BackupRefusedError(
      'The backup was made by a Vigil version whose database migrations this one does not have; ' +
        'restore it with the version that made it (or a later one).',
    );
  const wanted = migrations.filter((m) => m.folderMillis <= version.createdAt);
  const db = drizzle(sql, { casing: 'snake_case' });
  // drizzle's own migrate() always applies every file; its dialect takes the list we give it.
  const { dialect } = db as unknown as Migrator;
  await dialect.migrate(wanted, (db as unknown as { session: unknown }).session, {
    migrationsFolder,
  });
}
