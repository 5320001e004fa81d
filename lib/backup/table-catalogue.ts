import type { SqlSession } from './copy-settings';

export type CatalogueTable = {
  name: string;
  parent?: string;
  bound?: string;
  columns: string[];
  orderBy: string[];
};

/**
 * Every table that holds rows in the public schema (partitions, not their partitioned parent),
 * read from the live catalogue so a table added by a later migration is backed up without
 * anyone remembering to list it. Ordered so each comes after the tables it references.
 */
export async function listTables(sql: SqlSession): Promise<CatalogueTable[]> {
  const tables = await sql<
    {
      name: string;
      root: string;
      parent: string | null;
      bound: string | null;
      columns: string[];
      orderBy: string[] | null;
    }[]
  >`
    select c.relname as name,
           coalesce(r.relname, c.relname) as root,
           p.relname as parent,
           case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as bound,
           array(select a.attname::text from pg_attribute a
                 where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                 order by a.attnum) as columns,
           (select array_agg(a.attname::text order by k.ord)
              from pg_index i
              cross join unnest(i.indkey) with ordinality as k(attnum, ord)
              join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
             where i.indrelid = c.oid and i.indisprimary) as "orderBy"
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_inherits inh on inh.inhrelid = c.oid
      left join pg_class p on p.oid = inh.inhparent
      left join pg_class r on r.oid = pg_partition_root(c.oid) and r.oid <> c.oid
     where n.nspname = 'public' and c.relkind = 'r'
     order by c.relname`;

  // References between top-level tables; a partition goes with its root.
  const references = await sql<{ from: string; to: string }[]>`
    select distinct coalesce(fr.relname, f.relname) as "from", coalesce(tr.relname, t.relname) as "to"
      from pg_constraint k
      join pg_class f on f.oid = k.conrelid
      join pg_class t on t.oid = k.confrelid
      join pg_namespace n on n.oid = f.relnamespace
      left join pg_class fr on fr.oid = pg_partition_root(f.oid)
      left join pg_class tr on tr.oid = pg_partition_root(t.oid)
     where k.contype = 'f' and n.nspname = 'public'`;

  const roots = [...new Set(tables.map((t) => t.root))];
  const order = dependencyOrder(roots, references);
  const rank = new Map(order.map((name, i) => [name, i]));
  return tables
    .map((t) => ({
      name: t.name,
      root: t.root,
      ...(t.parent ? { parent: t.parent, bound: t.bound ?? undefined } : {}),
      columns: t.columns,
      // Without a primary key, every column: still one reproducible order.
      orderBy: t.orderBy ?? t.columns,
    }))
    .sort((a, b) => rank.get(a.root)! - rank.get(b.root)! || a.name.localeCompare(b.name))
    .map(({ root: _root, ...table }) => table);
}

/** Tables before the tables that reference them; a table referencing itself is no cycle. */
export function dependencyOrder(names: string[], references: { from: string; to: string }[]) {
  const pending = new Set(names);
  const needs = new Map(names.map((n) => [n, new Set<string>()]));
  for (const { from, to } of references) {
    if (from !== to && pending.has(to)) needs.get(from)?.add(to);
  }
  const order: string[] = [];
  while (pending.size) {
    const ready = [...pending].filter((n) => [...needs.get(n)!].every((d) => !pending.has(d)));
    if (!ready.length)
      throw new Error(`foreign keys form a cycle between: ${[...pending].sort().join(', ')}`);
    for (const n of ready.sort()) {
      order.push(n);
      pending.delete(n);
    }
  }
  return order;
}

export async function listSequences(
  sql: SqlSession,
): Promise<{ name: string; lastValue: string | null }[]> {
  return sql<{ name: string; lastValue: string | null }[]>`
    select sequencename as name, last_value::text as "lastValue"
      from pg_sequences where schemaname = 'public' order by sequencename`;
}

export type AppliedMigration = { count: number; createdAt: number; hash: string };

/** The last migration drizzle applied, or undefined on a database never migrated. */
export async function appliedMigration(sql: SqlSession): Promise<AppliedMigration | undefined> {
  const [exists] = await sql<{ present: boolean }[]>`
    select to_regclass('drizzle.__drizzle_migrations') is not null as present`;
  if (!exists.present) return undefined;
  const [row] = await sql<{ count: number; createdAt: string | null; hash: string | null }[]>`
    select (select count(*)::int from drizzle.__drizzle_migrations) as count,
           created_at::text as "createdAt", hash
      from drizzle.__drizzle_migrations order by created_at desc limit 1`;
  if (!row) return undefined;
  return { count: row.count, createdAt: Number(row.createdAt), hash: row.hash ?? '' };
}
