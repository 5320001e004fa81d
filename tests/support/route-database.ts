import type { Db } from '@/db/client';

// Route handlers reach the database through getDb(), which keeps one client on globalThis
// and reads DATABASE_URL: pointing them at a test file's own database means dropping that
// client and changing the URL.
const globalForDb = globalThis as unknown as { vigilDb?: Db & { close(): Promise<void> } };

export async function pointRoutesAt(databaseUrl: string): Promise<void> {
  await releaseRouteDatabase();
  process.env.DATABASE_URL = databaseUrl;
}

export async function releaseRouteDatabase(): Promise<void> {
  await globalForDb.vigilDb?.close();
  globalForDb.vigilDb = undefined;
}
