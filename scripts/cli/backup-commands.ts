import path from 'node:path';
import { createBackup } from '@/lib/backup/create-backup';
import { restoreBackup } from '@/lib/backup/restore-backup';
import type { Command } from './command';
import { CliError } from './errors';

const fileArgument = (description: string) => ({ name: 'file', placeholder: 'FILE', description });

export const backupCommands: Command[] = [
  {
    path: ['backup'],
    summary: 'Writes the whole database, attachments included, into one backup file.',
    argument: fileArgument('the backup file to write; it must not exist yet'),
    options: {},
    notes: [
      'Safe while Vigil runs: every table is read in one consistent snapshot.',
      'The file is a zip: manifest.json (schema version, row counts, SHA-256 per table) and each',
      'table as PostgreSQL COPY text. It holds password hashes and evidence: keep it as safe as the database.',
    ],
    async run(options, { db, out }) {
      const file = path.resolve(options.file!);
      const started = performance.now();
      const manifest = await createBackup(db, file);
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      out(
        `Backed up ${manifest.tables.length} tables, ${rows} rows, to ${file} in ${seconds(started)}.`,
      );
    },
  },
  {
    path: ['restore'],
    summary: 'Restores a backup file into an empty database, then verifies it.',
    argument: fileArgument('a file written by `vigil backup`'),
    options: {},
    notes: [
      'The target must be empty: a new database (createdb), reached through DATABASE_URL as the',
      'role that will own the tables. The file is checked before anything is written; the schema',
      'is migrated to the backup’s version and every table copied in one transaction; afterwards',
      'each table’s row count and checksum are compared with the backup’s. Start Vigil after it to',
      'apply any newer migrations.',
    ],
    async run(options, { db, out, err }) {
      const file = path.resolve(options.file!);
      const started = performance.now();
      const { manifest, verification } = await restoreBackup(db, file);
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      out(
        `Restored ${manifest.tables.length} tables, ${rows} rows, from ${file} (made ${manifest.createdAt}) in ${seconds(started)}.`,
      );
      for (const result of verification.results)
        (result.ok ? out : err)(
          `Verify ${result.name}: ${result.ok ? 'ok' : 'FAILED'}, ${result.detail}`,
        );
      if (!verification.ok)
        throw new CliError('The restored database does not match the backup; do not use it.');
    },
  },
];

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
