import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished, pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { Db } from '@/db/client';
import { copyOutStatement, setCopySettings } from './copy-settings';
import { BackupRefusedError } from './errors';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_ENTRY,
  type BackupManifest,
} from './manifest';
import { createDigestStream } from './table-digest';
import { appliedMigration, listSequences, listTables } from './table-catalogue';

/**
 * Writes every table of the database into one zip at `file`: one COPY text entry per table
 * and a manifest with each table's row count and SHA-256. All tables are read in one
 * REPEATABLE READ snapshot, so the backup is consistent while Vigil keeps running. The file
 * appears under its name only when complete (written as FILE.partial, then renamed).
 */
export async function createBackup(db: Db, file: string): Promise<BackupManifest> {
  if (existsSync(file)) throw new BackupRefusedError(`${file} already exists; choose a new name.`);
  const partial = `${file}.partial`;
  const zip = new ZipFile();
  // Owner-only: the file holds password hashes and evidence.
  const written = pipeline(zip.outputStream, createWriteStream(partial, { mode: 0o600 }));
  // Reported through `written` below; without a handler a failed write would crash the process.
  written.catch(() => {});
  try {
    const manifest = await db.$client.begin(
      'isolation level repeatable read read only',
      async (tx) => {
        await setCopySettings(tx);
        const migration = await appliedMigration(tx);
        if (!migration)
          throw new BackupRefusedError(
            'This database has never been migrated: nothing to back up.',
          );
        const [{ server_version: serverVersion }] = await tx<
          { server_version: string }[]
        >`show server_version`;
        const tables: BackupManifest['tables'] = [];
        for (const table of await listTables(tx)) {
          const entry = `tables/${table.name}.copy`;
          const digest = createDigestStream();
          zip.addReadStream(digest, entry);
          const source = await tx.unsafe(copyOutStatement(table)).readable();
          source.pipe(digest);
          // A failed file write would otherwise leave the zip waiting for a reader forever.
          await Promise.race([finished(digest), written]);
          tables.push({ ...table, entry, ...digest.digest() });
        }
        return {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          serverVersion,
          migration,
          tables,
          sequences: await listSequences(tx),
        } satisfies BackupManifest;
      },
    );
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_ENTRY);
    zip.end();
    await written;
    await rename(partial, file);
    return manifest;
  } catch (error) {
    (zip.outputStream as unknown as NodeJS.ReadableStream & { destroy(): void }).destroy();
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}
