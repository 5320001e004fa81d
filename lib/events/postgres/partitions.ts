import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { DbOrTx } from '@/db/client';

const DAY_MS = 86_400_000;

/** The UTC day of an instant, as 'YYYY-MM-DD'. */
export function utcDay(at: Date): string {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC days [from, to] touches, as 'YYYY-MM-DD'. */
export function utcDaysOf(instants: Date[]): string[] {
  const days = new Set<string>();
  for (const at of instants) days.add(utcDay(at));
  return [...days].sort();
}

// Days whose partition this process has already made sure of: CREATE TABLE IF NOT EXISTS
// takes a lock on the parent, not something to do per batch.
const ensured = new Set<string>();

export function isEnsured(day: string): boolean {
  return ensured.has(day);
}

/** Creates the daily partitions `days` need (events_ensure_partition in migration 0015). */
export async function ensureEventPartitions(db: DbOrTx, days: string[]): Promise<void> {
  for (const day of days) {
    if (ensured.has(day)) continue;
    await db.execute(sql`select events_ensure_partition(${day}::date)`);
    ensured.add(day);
  }
}

/** As ensureEventPartitions, on a postgres.js connection or transaction (the COPY's own). */
export async function ensureEventPartitionOn(
  client: postgres.Sql | postgres.TransactionSql,
  day: string,
): Promise<void> {
  if (ensured.has(day)) return;
  await client`select events_ensure_partition(${day}::date)`;
  ensured.add(day);
}

/** Forget what was ensured (after partitions were dropped, or in tests with a fresh database). */
export function forgetEnsuredPartitions(): void {
  ensured.clear();
}
