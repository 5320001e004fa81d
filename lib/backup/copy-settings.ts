import type { Sql, TransactionSql } from 'postgres';

/** A pool or a transaction: everything here runs on either. */
export type SqlSession = Sql | TransactionSql;

/**
 * COPY's text output depends on session settings (time zone, date style, float digits); the
 * checksum of a table must not, so backup, restore and verification all set these first.
 * SET LOCAL: only for the transaction that needs them.
 */
export async function setCopySettings(tx: TransactionSql): Promise<void> {
  await tx.unsafe(`
    set local timezone = 'UTC';
    set local datestyle = 'ISO, MDY';
    set local intervalstyle = 'postgres';
    set local extra_float_digits = 1;
    set local bytea_output = 'hex';
  `);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The one statement every checksum is taken over: same columns, same order, every time. */
export function copyOutStatement(table: { name: string; columns: string[]; orderBy: string[] }) {
  const columns = table.columns.map(quoteIdent).join(', ');
  const order = table.orderBy.map(quoteIdent).join(', ');
  return `copy (select ${columns} from public.${quoteIdent(table.name)} order by ${order}) to stdout`;
}

export function copyInStatement(table: { name: string; columns: string[] }) {
  const columns = table.columns.map(quoteIdent).join(', ');
  return `copy public.${quoteIdent(table.name)} (${columns}) from stdin`;
}
