import { pipeline } from 'node:stream/promises';
import type { Db } from '@/db/client';
import { copyInStatement, quoteIdent, setCopySettings, type SqlSession } from './copy-settings';
import { BackupRefusedError } from './errors';
import type { BackupManifest, BackupTable } from './manifest';
import { migrateToVersion } from './migrate-to-version';
import { openBackupArchive, type BackupArchive } from './read-archive';
import { createDigestStream } from './table-digest';
import { appliedMigration, listTables } from './table-catalogue';
import { verifyRestore, type RestoreCheck, type VerificationReport } from './verify-restore';

// Rows every migrated database has before anyone uses it (migrateDatabase syncs the shipped
// policy catalogue, library templates and notice rules): a database holding only these is
// still empty, and the backup's own copies replace them.
const SHIPPED_TABLES = new Set([
  'policies',
  'policy_versions',
  'library_templates',
  'notice_rules',
]);

export type RestoreResult = { manifest: BackupManifest; verification: VerificationReport };

/**
 * Restores a backup into an empty database: checks every table's checksum in the file first,
 * migrates the schema to the backup's version, copies all rows in one transaction, then
 * verifies what the database now holds against the manifest. Needs the connection of the
 * tables' owner: it disables the tables' own triggers (append-only logs, tasks never deleted,
 * derived counts) for the copy, inside that transaction, so no other session ever sees them off.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  options: { checks?: RestoreCheck[] } = {},
): Promise<RestoreResult> {
  const sql = db.$client;
  const archive = await openBackupArchive(file);
  try {
    const { manifest } = archive;
    await checkEveryTable(archive);
    await refuseNewerSchema(db, manifest);
    await refuseNonEmpty(sql);
    await migrateToVersion(sql, manifest.migration);

    await sql.begin(async (tx) => {
      await setCopySettings(tx);
      // Again inside the transaction: nobody wrote while we migrated.
      await refuseNonEmpty(tx);
      const existing = new Set((await listTables(tx)).map((t) => t.name));
      for (const table of manifest.tables) {
        if (existing.has(table.name)) continue;
        if (!table.parent || !table.bound)
          throw new BackupRefusedError(
            `The backup has a table ${table.name} that its own schema version does not create.`,
          );
        await tx.unsafe(
          `create table public.${quoteIdent(table.name)} partition of public.${quoteIdent(table.parent)} ${table.bound}`,
        );
      }
      const names = manifest.tables.map((t) => `public.${quoteIdent(t.name)}`);
      for (const name of names) await tx.unsafe(`alter table ${name} disable trigger user`);
      if (names.length) await tx.unsafe(`truncate ${names.join(', ')}`);
      for (const table of manifest.tables) await copyTableIn(tx, archive, table);
      for (const sequence of manifest.sequences) {
        if (sequence.lastValue === null) continue;
        await tx`select setval(${`public.${quoteIdent(sequence.name)}`}::regclass, ${sequence.lastValue}::bigint, true)`;
      }
      for (const name of names) await tx.unsafe(`alter table ${name} enable trigger user`);
    });

    return { manifest, verification: await verifyRestore(db, manifest, options.checks) };
  } finally {
    archive.close();
  }
}

async function copyTableIn(
  tx: SqlSession,
  archive: BackupArchive,
  table: BackupTable,
): Promise<void> {
  const digest = createDigestStream();
  try {
    const sink = await tx.unsafe(copyInStatement(table)).writable();
    await pipeline(await archive.open(table.entry), digest, sink);
  } catch (error) {
    if (error instanceof BackupRefusedError) throw error;
    throw new BackupRefusedError(
      `Restoring table ${table.name} failed: ${(error as Error).message}. Nothing was restored.`,
    );
  }
  assertDigest(table, digest.digest());
}

/** Reads every table's bytes once before anything is written, so a damaged file changes nothing. */
async function checkEveryTable(archive: BackupArchive): Promise<void> {
  for (const table of archive.manifest.tables) {
    const digest = createDigestStream();
    try {
      await pipeline(await archive.open(table.entry), digest, async function (source) {
        for await (const _chunk of source);
      });
    } catch (error) {
      if (error instanceof BackupRefusedError) throw error;
      throw new BackupRefusedError(
        `The backup is damaged: table ${table.name} cannot be read (${(error as Error).message}).`,
      );
    }
    assertDigest(table, digest.digest());
  }
}

function assertDigest(table: BackupTable, found: { rows: number; sha256: string }): void {
  if (found.sha256 === table.sha256 && found.rows === table.rows) return;
  throw new BackupRefusedError(
    `The backup is damaged or was altered: table ${table.name} does not match its checksum ` +
      `(${found.rows} rows found, ${table.rows} recorded). Nothing was restored.`,
  );
}

async function refuseNewerSchema(db: Db, manifest: BackupManifest): Promise<void> {
  const applied = await appliedMigration(db.$client);
  if (applied && applied.createdAt > manifest.migration.createdAt)
    throw new BackupRefusedError(
      `The target database's schema is newer than the backup's (${applied.count} migrations applied, ` +
        `the backup has ${manifest.migration.count}). Restore into a new database (createdb) and let ` +
        'Vigil migrate it after the restore.',
    );
}

async function refuseNonEmpty(sql: SqlSession): Promise<void> {
  const holding: string[] = [];
  for (const table of await listTables(sql)) {
    if (SHIPPED_TABLES.has(table.name)) continue;
    const [row] = await sql.unsafe<{ present: boolean }[]>(
      `select exists (select 1 from public.${quoteIdent(table.name)}) as present`,
    );
    if (row.present) holding.push(table.name);
  }
  if (holding.length)
    throw new BackupRefusedError(
      `The target database is not empty (${holding.slice(0, 5).join(', ')}` +
        `${holding.length > 5 ? ` and ${holding.length - 5} more tables` : ''} hold rows). ` +
        'Restore only into a new, empty database; nothing was changed.',
    );
}
