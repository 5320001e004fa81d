import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

// "Nothing changed" as one statement: a row count and an order-independent checksum of
// every row of every table in the schema, so a refused call that wrote, updated or deleted
// anything at all (not only a row in the table it meant) is caught, and the test names
// the table.

export type TableChecksums = Record<string, string>;

/**
 * Columns a refused request may rightly touch: authenticating a token stamps when it was
 * last used (shown in Settings), whatever the request then asks for.
 */
const BOOKKEEPING: Record<string, string[]> = { api_tokens: ['last_used_at'] };

let statement: string | undefined;

async function buildStatement(db: Db): Promise<string> {
  const rows = await db.execute<{ table_name: string; columns: string[] }>(sql`
    select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
    from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    group by c.table_name order by c.table_name`);
  return rows
    .map(({ table_name: name, columns }) => {
      const kept = columns.filter((column) => !BOOKKEEPING[name]?.includes(column));
      const row = `md5(row(${kept.map((column) => `t."${column}"`).join(', ')})::text)`;
      return `select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(${row}, '' order by ${row})), '') as sum from "${name}" t`;
    })
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
