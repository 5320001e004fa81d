import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

// "Nothing changed" as one statement: a row count and an order-independent checksum of
// every row of every table in the schema, so a refused call that wrote, updated or deleted
// anything at all (not only a row in the table it meant) is caught, and the test names
// the table.

export type TableChecksums = Record<string, string>;

let statement: string | undefined;

async function buildStatement(db: Db): Promise<string> {
  const rows = await db.execute<{ table_name: string }>(sql`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`);
  return rows
    .map(
      ({ table_name: name }) =>
        `select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as sum from "${name}" t`,
    )
    .join(' union all ');
}

export async function tableChecksums(db: Db): Promise<TableChecksums> {
  statement ??= await buildStatement(db);
  const rows = await db.execute<{ name: string; sum: string }>(sql.raw(statement));
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: TableChecksums, after: TableChecksums): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}
