import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { migrateDatabase, type MigrateOptions } from '@/db/migrate';
import { configuredMigration } from '@/db/migration-target';
import type { cliEnvSchema } from '@/lib/env';
import {
  inspectPostgresDir,
  lockDataDir,
  prepareDataDir,
  recordPostgresMajor,
  resolveDataDir,
} from '../embedded/data-dir';
import { prepareEmbeddedRoles } from '../embedded/database-roles';
import { bundledPostgresMajor, startEmbeddedPostgres } from '../embedded/postgres';
import { isProcessAlive, readPidFile } from '../embedded/processes';
import type { Output } from './command';
import { CliError } from './errors';

// Which PostgreSQL a command talks to: DATABASE_URL when set; otherwise the embedded one
// in the data folder, the running server when `npm start` is up (PostgreSQL allows one
// server per data folder, so we join it), or one started for this command alone.

export type OpenDatabase = {
  url: string;
  /** True when migrations were applied while opening (we started the server ourselves). */
  migrated: boolean;
  /** Where and as whom `migrate` runs: the schema owner, never the app's runtime role. */
  migration: { url: string; options: MigrateOptions };
  close: () => Promise<void>;
};

// Must match what scripts/embedded/postgres.ts creates.
const EMBEDDED_USER = 'postgres';
const EMBEDDED_DATABASE = 'vigil';

export async function openDatabase(
  env: z.output<typeof cliEnvSchema>,
  io: Output,
  options: { mayCreate?: boolean } = {},
): Promise<OpenDatabase> {
  if (env.DATABASE_URL)
    return {
      url: env.DATABASE_URL,
      migrated: false,
      migration: configuredMigration({ ...env, DATABASE_URL: env.DATABASE_URL }),
      close: async () => {},
    };

  const dataDir = resolveDataDir(env.VIGIL_DATA_DIR);
  const pgDir = path.join(dataDir, 'postgres');
  const running = runningServerUrl(pgDir);
  if (running)
    return {
      url: running,
      migrated: false,
      migration: await embeddedMigration(running, pgDir),
      close: async () => {},
    };

  if (
    !options.mayCreate &&
    inspectPostgresDir(pgDir, await bundledPostgresMajor()) !== 'initialised'
  ) {
    throw new CliError(
      `There is no Vigil database in ${dataDir}. Start Vigil once (npm start) or run \`npm run vigil -- seed\` to create it, ` +
        'or point VIGIL_DATA_DIR (or DATABASE_URL) at the existing one.',
    );
  }
  prepareDataDir(dataDir);
  // Held while our server runs, so `npm start` waits its turn instead of racing us for the folder.
  const unlock = lockDataDir(dataDir);
  try {
    const server = await startEmbeddedPostgres({ dir: pgDir, onNote: io.err });
    let migration: OpenDatabase['migration'];
    try {
      recordPostgresMajor(dataDir, server.major);
      migration = await embeddedMigration(server.url, pgDir);
      await migrateDatabase(migration.url, migration.options);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return {
      url: server.url,
      migrated: true,
      migration,
      close: async () => {
        await server.stop();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** The embedded cluster migrates as its migrator role, as `npm start` does (database-roles.ts). */
async function embeddedMigration(
  superuserUrl: string,
  pgDir: string,
): Promise<OpenDatabase['migration']> {
  const roles = await prepareEmbeddedRoles(superuserUrl, `${pgDir}.app-password`);
  return { url: superuserUrl, options: roles.migrate };
}

/**
 * The URL of the PostgreSQL running on `pgDir`, or undefined when none is. postmaster.pid
 * holds the server's pid on line 1 and its port on line 4; the password is kept beside
 * the folder by scripts/embedded/postgres.ts.
 */
export function runningServerUrl(pgDir: string): string | undefined {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const pid = readPidFile(pidFile);
  if (!pid || !isProcessAlive(pid)) return undefined;

  const port = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[3]?.trim() ?? '', 10);
  if (!Number.isInteger(port) || port <= 0) {
    throw new CliError(
      `PostgreSQL is running on ${pgDir} (pid ${pid}) but its port is not in ${pidFile} yet; try again in a moment.`,
    );
  }
  let password: string;
  try {
    password = readFileSync(`${pgDir}.password`, 'utf8').trim();
  } catch (error) {
    throw new CliError(
      `Cannot read the database password in ${pgDir}.password (${(error as NodeJS.ErrnoException).code}); run this as the user that runs Vigil.`,
    );
  }
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}
