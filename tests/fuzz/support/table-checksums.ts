import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

// A fingerprint of every table's rows, to prove a refused request wrote nothing: one md5
// per table over its rows' text in a fixed order, all tables in one statement. Columns that
// change on a read by design (an API token's last use) are left out, so a refused request
// is still caught writing anything else in that table.

const VOLATILE_COLUMNS = ['last_used_at', 'last_used_address', 'last_used_ip'];

export type Checksums = Record<string, string>;

// The schema does not change during a run: its tables are listed once per database.
const names = new WeakMap<Db, Promise<string[]>>();

function tableNames(db: Db): Promise<string[]> {
  if (!names.has(db)) names.set(db, listTables(db));
  return names.get(db)!;
}

async function listTables(db: Db): Promise<string[]> {
  const tables = await db.execute<{ name: string }>(sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname <> 'fuzz_write_count'
    order by c.relname`);
  return tables.map((table) => table.name);
}

async function perTable(db: Db, value: (table: string) => string): Promise<Checksums> {
  const parts = (await tableNames(db)).map(
    (name) => `select '${name}' as name, (select ${value(name)} from "${name}" x) as sum`,
  );
  const rows = await db.execute<{ name: string; sum: string }>(sql.raw(parts.join(' union all ')));
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

/** An md5 of every table's rows, volatile columns left out: the full proof, slower. */
export function tableChecksums(db: Db): Promise<Checksums> {
  const row = `(to_jsonb(x)${VOLATILE_COLUMNS.map((column) => ` - '${column}'`).join('')})::text`;
  return perTable(db, () => `md5(coalesce(string_agg(${row}, ',' order by ${row}), ''))`);
}

/**
 * Counts every row any statement inserts, updates or deletes in this (test) database, in the
 * writing transaction itself: a write rolled back is uncounted, as it never happened. One
 * read of the counter after each request says whether it wrote, where scanning every table
 * after every request would cost more than the request.
 */
export async function installWriteCounter(db: Db): Promise<void> {
  await db.execute(
    sql`create table if not exists fuzz_write_count (name text primary key, n bigint not null)`,
  );
  // Triggers of SECURITY DEFINER functions (the audit chain's) count as their owner, the runtime
  // role as itself: every role may count.
  await db.execute(sql`grant all on fuzz_write_count to public`);
  await db.execute(sql`
    create or replace function fuzz_count_write() returns trigger language plpgsql as $$
    begin
      -- An update that leaves the row as it was, but for when a token was last used, is no change.
      if tg_op = 'UPDATE' and (to_jsonb(new) ${sql.raw(VOLATILE_COLUMNS.map((c) => `- '${c}'`).join(' '))})
          = (to_jsonb(old) ${sql.raw(VOLATILE_COLUMNS.map((c) => `- '${c}'`).join(' '))}) then
        return null;
      end if;
      insert into fuzz_write_count values (tg_table_name, 1)
      on conflict (name) do update set n = fuzz_write_count.n + 1;
      return null;
    end $$`);
  for (const name of await tableNames(db)) {
    if (name === 'fuzz_write_count') continue;
    await db.execute(
      sql.raw(`create or replace trigger fuzz_count_write after insert or update or delete on "${name}"
               for each row execute function fuzz_count_write()`),
    );
    await db.execute(
      sql.raw(`create or replace trigger fuzz_count_truncate after truncate on "${name}"
               for each statement execute function fuzz_count_write()`),
    );
  }
}

/** Rows written so far in each table (installWriteCounter): compare two with changedTables. */
export async function writeCounts(db: Db): Promise<Checksums> {
  const rows = await db.execute<{ name: string; n: string }>(
    sql`select name, n::text from fuzz_write_count`,
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.n]));
}

/** The tables whose fingerprint differs between two checksums. */
export function changedTables(before: Checksums, after: Checksums): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
