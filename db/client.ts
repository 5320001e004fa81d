import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export function createDb(url: string, options: { max?: number; applicationName?: string } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'vigil' },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return Object.assign(db, { close: () => client.end({ timeout: 5 }) });
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Domain functions and queries accept either, so callers can compose them in one transaction. */
export type DbOrTx = Db | Tx;

const globalForDb = globalThis as unknown as { vigilDb?: Db };

/** The web process's shared pool; kept on globalThis so hot reload does not leak pools. */
export function getDb(): Db {
  if (!globalForDb.vigilDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.vigilDb = createDb(url, { applicationName: 'vigil-web' });
  }
  return globalForDb.vigilDb;
}
