import type { Db } from '../../db/client';
import { percentile, timeIt } from './bench-database';

// Measuring one list query: the page's and the count's p50/p95 as the app calls them (round
// trip and row mapping included), PostgreSQL's own execution time, and which indexes of the
// list's table served it. Shared by `npm run bench -- incidents` and `-- compliance`.

/** A drizzle query that can be awaited and printed (`.toSQL()`), like incidentPageQuery's. */
export type ExplainableQuery = Promise<unknown[]> & {
  toSQL: () => { sql: string; params: unknown[] };
};

export type ListFigures = {
  rows: number;
  page: { p50: number; p95: number };
  count: { p50: number; p95: number; text: string };
  /** PostgreSQL's execution time of the page (EXPLAIN ANALYZE, median of 5). */
  execMs: number;
  /** The scans of the list's own table, e.g. "Index Scan Backward using incidents_open_created_idx on incidents". */
  indexes: string[];
  /** EXPLAIN ANALYZE of the page and of the count, for reading a slow case. */
  plans: { page: string; count?: string };
};

export async function measureList(
  db: Db,
  options: {
    /** The tables whose scans are reported (the list's and its policy links'). */
    table: string | string[];
    page: () => ExplainableQuery;
    count: () => Promise<{ count: number; capped: boolean }>;
    /** The count's SQL, to EXPLAIN when asked for plans. */
    countSql?: () => { sql: string; params: unknown[] };
    runs: number;
    countRuns?: number;
  },
): Promise<ListFigures> {
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = (await options.page()).length;
  const pages: number[] = [];
  for (let i = 0; i < options.runs; i++) pages.push((await timeIt(() => options.page())).ms);
  pages.sort((a, b) => a - b);
  const counts: number[] = [];
  let text = '';
  await options.count();
  for (let i = 0; i < (options.countRuns ?? options.runs); i++) {
    const timed = await timeIt(options.count);
    counts.push(timed.ms);
    text = timed.value.capped ? '10,000+' : timed.value.count.toLocaleString('en-US');
  }
  counts.sort((a, b) => a - b);
  const { sql: pageSql, params } = options.page().toSQL();
  const executions: number[] = [];
  let pagePlan = '';
  for (let i = 0; i < 5; i++) {
    pagePlan = await explainAnalyze(db, pageSql, params);
    executions.push(Number(/Execution Time: ([\d.]+)/.exec(pagePlan)?.[1] ?? NaN));
  }
  executions.sort((a, b) => a - b);
  const countQuery = options.countSql?.();
  return {
    rows,
    page: { p50: percentile(pages, 50), p95: percentile(pages, 95) },
    count: { p50: percentile(counts, 50), p95: percentile(counts, 95), text },
    execMs: percentile(executions, 50),
    indexes: indexesUsed(pagePlan, options.table),
    plans: {
      page: pagePlan,
      count: countQuery && (await explainAnalyze(db, countQuery.sql, countQuery.params)),
    },
  };
}

export async function explainAnalyze(db: Db, text: string, params: unknown[]): Promise<string> {
  const rows = await db.$client.unsafe(
    `explain (analyze, buffers, timing off) ${text}`,
    params as never[],
  );
  return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
}

/** The scans of these tables in a plan (not the joins to users and teams), once each. */
export function indexesUsed(plan: string, table: string | string[]): string[] {
  const names = [table].flat().join('|');
  const scan = new RegExp(
    `(using|on) (${names})_\\w+|Seq Scan on (${names})\\b|Bitmap Index Scan on (${names})_\\w+`,
  );
  return [
    ...new Set(
      plan
        .split('\n')
        .filter((line) => scan.test(line))
        .map((line) =>
          line
            .trim()
            .replace(/\s+\(.*$/, '')
            .replace(/^->\s*/, ''),
        ),
    ),
  ];
}

export const ms = (value: number, width = 7) => value.toFixed(2).padStart(width);
