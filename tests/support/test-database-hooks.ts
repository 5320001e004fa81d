import { afterAll, beforeAll, beforeEach } from 'vitest';
import { outbox } from '../../db/schema';
import { closeExportDb } from '../../lib/exports/export-db';
import { createTestDatabase, type TestDatabase } from './database';
import { createTestRedis, type TestRedis } from './redis';

/**
 * The set-up every integration file repeats: its own database before its tests, dropped
 * after them. Returns the TestDatabase (filled in once beforeAll has run); `ready` runs
 * right after, to keep `db` in a variable or insert what the whole file needs.
 */
export function setUpTestDatabase(
  ready?: (test: TestDatabase) => unknown,
  options: { max?: number } = {},
): TestDatabase {
  const test = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(test, await createTestDatabase(options));
    await ready?.(test);
  });
  afterAll(() => test.drop?.());
  return test;
}

/** The error a call was refused with; fails the test if it succeeded. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

const globalForDb = globalThis as unknown as { vigilDb?: { close(): Promise<void> } };

async function forgetAppDb(): Promise<void> {
  await globalForDb.vigilDb?.close();
  globalForDb.vigilDb = undefined;
  await closeExportDb();
}

/**
 * As setUpTestDatabase, and the app's own getDb() (route handlers, server actions) reaches
 * this database too: its cached pool is closed before and after the file.
 */
export function setUpAppTestDatabase(ready?: (test: TestDatabase) => unknown): TestDatabase {
  afterAll(forgetAppDb);
  return setUpTestDatabase(async (test) => {
    await forgetAppDb();
    process.env.DATABASE_URL = test.url;
    await ready?.(test);
  });
}

/**
 * The worker tests' set-up: their own database (a pool of `max`) and Redis key prefix,
 * both cleaned up after the file, and an empty outbox before each test.
 */
export function setUpWorkerTestServices(
  max: number,
  ready?: (test: TestDatabase) => unknown,
): { test: TestDatabase; redis: TestRedis } {
  const redis = {} as TestRedis;
  const test = setUpTestDatabase(
    (created) => {
      Object.assign(redis, createTestRedis());
      return ready?.(created);
    },
    { max },
  );
  afterAll(() => redis.flush?.());
  beforeEach(() => test.db.delete(outbox));
  return { test, redis };
}
