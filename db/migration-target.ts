import type { MigrateOptions } from './migrate';

/**
 * Where a configured install migrates: DATABASE_MIGRATION_URL (the schema owner) when set,
 * granting DATABASE_URL's role what the app needs; otherwise DATABASE_URL alone, as before.
 */
export function configuredMigration(env: {
  DATABASE_URL: string;
  DATABASE_MIGRATION_URL?: string;
}): { url: string; options: MigrateOptions } {
  if (!env.DATABASE_MIGRATION_URL) return { url: env.DATABASE_URL, options: {} };
  const runtimeRole = decodeURIComponent(new URL(env.DATABASE_URL).username);
  const migrator = decodeURIComponent(new URL(env.DATABASE_MIGRATION_URL).username);
  // The same role twice is the old single-role set-up: granting it to itself changes nothing.
  if (runtimeRole === migrator) return { url: env.DATABASE_MIGRATION_URL, options: {} };
  return { url: env.DATABASE_MIGRATION_URL, options: { runtimeRole } };
}
