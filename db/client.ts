import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { loadLimit } from '../lib/exports/load-limits-env';
import * as schema from './schema';

export type DbOptions = {
  max?: number;
  applicationName?: string;
  /** PostgreSQL cancels any statement of this pool that runs longer; unset or 0, none is. */
  statementTimeoutMs?: number;
};

export function createDb(url: string, options: DbOptions = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'vigil',
      // Set at connection start, so it holds for every statement; a transaction that needs
      // longer (the event search) raises it for itself with SET LOCAL.
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return Object.assign(db, { close: () => client.end({ timeout: 5 }) });
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Domain functions and queries accept either, so callers can compose them in one transaction. */
export type DbOrTx = Db | Tx;

const globalForDb = globalThis as unknown as { vigilDb?: Db };

/**
 * The web process's shared pool; kept on globalThis so hot reload does not leak pools. Its
 * statements are interactive (someone waits for the page), so a runaway one is cancelled
 * after VIGIL_STATEMENT_TIMEOUT_MS (15 s unless set) rather than hold a connection for minutes.
 */
export function getDb(): Db {
  if (!globalForDb.vigilDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.vigilDb = createDb(url, {
      applicationName: 'vigil-web',
      statementTimeoutMs: loadLimit('VIGIL_STATEMENT_TIMEOUT_MS'),
    });
  }
  return globalForDb.vigilDb;
}
