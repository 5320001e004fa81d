import { createDb, type Db } from '@/db/client';
import { loadLimit } from './load-limits-env';

// Exports read for as long as their client takes to download (a cursor on a reserved
// connection, lib/csv/stream-query-csv.ts), so they get a small pool of their own
// (VIGIL_EXPORT_POOL, 3 unless set): however many are open, the web pool's connections stay
// free for sign-in and every other request; an export beyond the pool waits for a connection
// here, not there. Each statement (one batch of 1,000 rows) may take up to five minutes.

export const EXPORT_STATEMENT_TIMEOUT_MS = 5 * 60_000;

const globalForExports = globalThis as unknown as { vigilExportDb?: Db; vigilExportUrl?: string };

export function getExportDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  // Keyed by the URL so a test file pointing the app at its own database gets a pool there.
  if (globalForExports.vigilExportDb && globalForExports.vigilExportUrl === url)
    return globalForExports.vigilExportDb;
  void globalForExports.vigilExportDb?.close();
  globalForExports.vigilExportDb = createDb(url, {
    max: loadLimit('VIGIL_EXPORT_POOL'),
    applicationName: 'vigil-export',
    statementTimeoutMs: EXPORT_STATEMENT_TIMEOUT_MS,
  });
  globalForExports.vigilExportUrl = url;
  return globalForExports.vigilExportDb;
}

/** Closes the export pool (tests, before their database is dropped). */
export async function closeExportDb(): Promise<void> {
  const db = globalForExports.vigilExportDb;
  globalForExports.vigilExportDb = undefined;
  globalForExports.vigilExportUrl = undefined;
  await db?.close();
}
