import { and, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { encodeCursor, type ListCursor } from './cursor';

// Keyset paging on (sort column, id), shared by every list: page 2,000 costs what page 1
// does, and an index on the same pair serves each step.

export type KeysetOrder = { column: SQL; id: AnyPgColumn; direction: 'asc' | 'desc' };

/** Rows after (or before) the cursor in the order, as one row comparison an index can range over. */
export function keysetCondition(
  order: KeysetOrder,
  cursor: ListCursor,
  castValue: (value: string) => SQL,
): SQL {
  const forward = order.direction === 'asc' ? !cursor.before : cursor.before;
  const row = sql`(${order.column}, ${order.id})`;
  const at = sql`(${castValue(cursor.value!)}, ${cursor.id}::uuid)`;
  return forward ? sql`${row} > ${at}` : sql`${row} < ${at}`;
}

/** The order as ORDER BY terms; `reverse` walks it backwards (the Previous page). */
export function keysetOrderBy(order: KeysetOrder, reverse = false): SQL[] {
  const dir = (order.direction === 'desc') !== reverse ? sql`desc` : sql`asc`;
  return [sql`${order.column} ${dir}`, sql`${order.id} ${dir}`];
}

/** The cursor value is the sort column as PostgreSQL prints it: microseconds survive, unlike a JS Date. */
export function sortValueText(column: SQL): SQL<string> {
  return sql<string>`(${column})::text`;
}

export type KeysetPage<Row> = { rows: Row[]; nextCursor: string | null; prevCursor: string | null };

/**
 * Turns the rows a page query fetched (one more than `limit`, in the walking order) into
 * the page in display order with its next and previous cursors.
 */
export function keysetPage<Row extends { id: string; sortValue: string }>(
  fetched: Row[],
  limit: number,
  sort: string,
  cursor: ListCursor | undefined,
): KeysetPage<Omit<Row, 'sortValue'>> {
  const backward = cursor?.before ?? false;
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (backward) page.reverse();
  const cursorAt = (row: Row | undefined, before: boolean): string | null =>
    row ? encodeCursor({ sort, value: row.sortValue, id: row.id, before }) : null;
  // Going forward, a previous page exists whenever we came from somewhere; going back, only if more rows were found.
  const hasNext = backward ? true : more;
  const hasPrev = backward ? more : !!cursor;
  return {
    rows: page.map(({ sortValue, ...row }) => (void sortValue, row)),
    nextCursor: hasNext ? cursorAt(page.at(-1), false) : null,
    prevCursor: hasPrev ? cursorAt(page[0], true) : null,
  };
}

/** The capped count's SELECT (count of at most `cap` + 1 matching rows), exported so the benchmark can EXPLAIN it. */
export function countCappedQuery(db: DbOrTx, table: PgTable, where: SQL | undefined, cap: number) {
  const inner = db
    .select({ one: sql`1` })
    .from(table)
    .where(and(where))
    .limit(cap + 1)
    .as('matching');
  return db.select({ count: sql<number>`count(*)::int` }).from(inner);
}

/**
 * How many rows match, counting at most `cap` + 1: exact up to the cap, then "10,000+",
 * so a broad filter never costs a scan of the whole table.
 */
export async function countCapped(
  db: DbOrTx,
  table: PgTable,
  where: SQL | undefined,
  cap: number,
): Promise<{ count: number; capped: boolean }> {
  const [row] = await countCappedQuery(db, table, where, cap);
  const count = row?.count ?? 0;
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}
