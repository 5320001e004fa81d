import { z } from 'zod';

// What a backup file says about itself: written last into the archive, read first on restore.

export const BACKUP_FORMAT = 'vigil-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

const tableSchema = z.object({
  /** Table name in the public schema; a partition of `parent` when that is set. */
  name: z.string().min(1),
  parent: z.string().min(1).optional(),
  /** `FOR VALUES …` of a partition, recreated on restore before its rows go in. */
  bound: z.string().min(1).optional(),
  /** The columns copied, in COPY order (generated columns are left out: PostgreSQL recomputes them). */
  columns: z.array(z.string().min(1)).min(1),
  /** Primary-key columns: the order rows are copied in, so a checksum is reproducible. */
  orderBy: z.array(z.string().min(1)).min(1),
  entry: z.string().min(1),
  rows: z.number().int().min(0),
  /** SHA-256 of the table's COPY text, as stored in `entry`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  serverVersion: z.string(),
  /** The last migration applied in the backed-up database: restore migrates to exactly this one. */
  migration: z.object({ count: z.number().int().min(0), createdAt: z.number(), hash: z.string() }),
  /** In restore order: a table comes after every table it references. */
  tables: z.array(tableSchema),
  sequences: z.array(z.object({ name: z.string().min(1), lastValue: z.string().nullable() })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupTable = BackupManifest['tables'][number];
