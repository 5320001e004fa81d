import { pathToFileURL } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { ensureEventPartitions, utcDaysOf } from '../../lib/events/postgres/partitions';
import {
  eventHistogram,
  getEventsByIds,
  searchEvents,
  searchQueries,
} from '../../lib/events/postgres/search';
import { histogramStatement } from '../../lib/events/postgres/search-histogram';
import { parseEventQuery } from '../../lib/events/query/parse';
import type { TimeRange } from '../../lib/events/types';
import { openBenchDatabase, percentile, timeIt } from './bench-database';

// The query figures of `npm run bench -- events` (scripts/bench/events.ts seeds 10,000,000
// events and calls runEventQueryBench): for the seed's example query and a failed-logon
// query over 30 days, the search's p50/p95 (first page of 50 and the capped count, as the
// Events page and the API run them) with the plan that served each, and the 30-day histogram.
//
// Standalone, with its own seed (SQL generate_series, a realistic mix of sources):
//   node --import tsx scripts/bench/events-query.ts [--events 3000000]
// (BENCH_DATABASE_URL to use your server; BENCH_RUNS runs per figure, 30 by default)

export const BENCH_QUERIES: [label: string, query: string][] = [
  [
    'seed example',
    'app_name:("microsoft-windows-security-auditing" OR "DefenseStorm Agent") AND (event_id:4720 OR event_id:624 OR event_id:4722 OR event_id:626) AND NOT category:("alert")',
  ],
  ['failed logons on servers', 'event_id:4625 AND hostname:srv*'],
];

export type EventQueryBenchOptions = {
  /** The searched range; otherwise the `days` (30) days before `now`. */
  range?: TimeRange;
  now?: Date;
  days?: number;
  runs?: number;
  /** Print the plans (on by default). */
  plans?: boolean;
  log?: (line: string) => void;
};

export type EventQueryFigure = {
  label: string;
  query: string;
  matches: string;
  p50: number;
  p95: number;
  plan: string[];
};

export type EventQueryBenchResult = {
  searches: EventQueryFigure[];
  histograms: EventQueryFigure[];
  /** Looking up a page's 50 events by id, as "Create incident" from a selection does. */
  byIds?: EventQueryFigure;
};

const PAGE = 50;

export async function runEventQueryBench(
  db: Db,
  options: EventQueryBenchOptions = {},
): Promise<EventQueryBenchResult> {
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 30);
  const log = options.log ?? ((line: string) => console.log(line));
  const range = options.range ?? lastDays(options.days ?? 30, options.now ?? new Date());
  const result: EventQueryBenchResult = { searches: [], histograms: [] };
  log(
    `Event search over ${range.from.toISOString()} – ${range.to.toISOString()}, ${runs} runs each (ms, the whole call from Node)`,
  );
  for (const [label, text] of BENCH_QUERIES) {
    const query = parseEventQuery(text);
    const request = { query, range, limit: PAGE };
    const search = await measure(runs, () => searchEvents(db, request));
    const { page, count } = searchQueries(db, request);
    const plan = [
      '-- page:',
      ...(await explain(db, page.toSQL())),
      '-- count:',
      ...(await explain(db, count.toSQL())),
    ];
    const found = search.value;
    result.searches.push({
      label,
      query: text,
      matches: `${found.count.toLocaleString('en-US')}${found.countCapped ? '+' : ''}`,
      p50: search.p50,
      p95: search.p95,
      plan,
    });
    const histogram = await measure(runs, () => eventHistogram(db, query, range));
    const buckets = histogram.value.buckets;
    result.histograms.push({
      label,
      query: text,
      matches: `${buckets.reduce((n, b) => n + b.count, 0).toLocaleString('en-US')} in ${buckets.length} buckets of ${histogram.value.bucketSeconds / 3600} h`,
      p50: histogram.p50,
      p95: histogram.p95,
      plan: await explain(db, histogramStatement(query, range).statement),
    });
  }
  const firstPage = await searchEvents(db, { query: parseEventQuery(''), range, limit: PAGE });
  const ids = firstPage.data.map((e) => e.id);
  const byIds = await measure(runs, () => getEventsByIds(db, ids));
  result.byIds = {
    label: `${ids.length} selected events`,
    query: '',
    matches: String(byIds.value.length),
    p50: byIds.p50,
    p95: byIds.p95,
    plan: [],
  };
  const row = (kind: string, f: EventQueryFigure) =>
    `${kind.padEnd(10)} ${f.label.padEnd(26)} ${f.p50.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)}  ${f.matches}`;
  log(
    `${'figure'.padEnd(10)} ${'query'.padEnd(26)} ${'p50'.padStart(8)} ${'p95'.padStart(8)}  matches`,
  );
  for (const f of result.searches) log(row('search', f));
  for (const f of result.histograms) log(row('histogram', f));
  log(row('by id', result.byIds));
  if (options.plans ?? true)
    for (const [kind, figures] of [
      ['search', result.searches],
      ['histogram', result.histograms],
    ] as const)
      for (const f of figures) {
        log(`\nPlan, ${kind} "${f.label}": ${f.query}`);
        for (const line of f.plan) log(`  ${line}`);
      }
  return result;
}

async function measure<T>(
  runs: number,
  work: () => Promise<T>,
): Promise<{ value: T; p50: number; p95: number }> {
  let value: T = await work();
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const timed = await timeIt(work);
    times.push(timed.ms);
    value = timed.value;
  }
  times.sort((a, b) => a - b);
  return { value, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * EXPLAIN ANALYZE, condensed: plan nodes and their conditions without costs, and the same
 * subtree over each daily partition printed once ("[× 30 partitions, 1,234 rows]").
 */
async function explain(db: Db, statement: SQL | { sql: string; params: unknown[] }) {
  const rows =
    'params' in statement
      ? await db.$client.unsafe(
          `explain (analyze, timing off, summary on) ${statement.sql}`,
          statement.params as never[],
        )
      : await db.execute(sql`explain (analyze, timing off, summary on) ${statement}`);
  const lines = [...rows]
    .map((r) => String((r as Record<string, unknown>)['QUERY PLAN']))
    .filter((line) =>
      /->|^\S|Index Cond|Filter|Recheck Cond|Sort Key|Rows Removed|Time:/.test(line),
    )
    .map((line) =>
      line
        .replace(/\s+\(cost=[^)]*\)/, '')
        .replace(/events_\d{8}( events(_\d+)?)?/g, 'events_<day>')
        .replace(/\(actual rows=(\d+) loops=(\d+)\)/, 'rows=$1')
        .replace(/'\d{4}-\d{2}-\d{2} [\d:.+]+'::timestamp with time zone/g, "'…'"),
    );
  const indent = (line: string) => line.length - line.trimStart().length;
  const shape = (block: string[]) =>
    block.map((l) => l.replace(/rows=\d+/, '').replace(/: \d+$/, '')).join('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].includes('on events_<day>')) {
      out.push(lines[i++]);
      continue;
    }
    const subtree = (at: number) => {
      let end = at + 1;
      while (end < lines.length && indent(lines[end]) > indent(lines[at])) end++;
      return lines.slice(at, end);
    };
    const first = subtree(i);
    let partitions = 0;
    let total = 0;
    while (i < lines.length && shape(subtree(i)) === shape(first)) {
      total += Number(/rows=(\d+)/.exec(lines[i])?.[1] ?? 0);
      partitions++;
      i += first.length;
    }
    out.push(
      `${first[0].replace(/ rows=\d+/, '')}  [× ${partitions} partitions, ${total.toLocaleString('en-US')} rows]`,
      ...first.slice(1).map((l) => (/Rows Removed/.test(l) ? l.replace(/\d+$/, '…') : l)),
    );
  }
  return out;
}

function lastDays(days: number, to: Date): TimeRange {
  return { from: new Date(to.getTime() - days * 86_400_000), to };
}

/**
 * Seeds `count` events spread evenly over the `days` days before `end`: 40 % firewall
 * traffic, 30 % Windows security auditing (4624 half of it, 4625 one in twenty, account
 * creation and enabling about one in a thousand), 10 % DefenseStorm Agent heartbeats and
 * alerts, 10 % Zeek DNS, 10 % other services. Written in SQL, a day per statement.
 */
export async function seedQueryBenchEvents(
  db: Db,
  count: number,
  { days = 30, end = new Date() }: { days?: number; end?: Date } = {},
): Promise<void> {
  const start = new Date(end.getTime() - days * 86_400_000);
  const dayStarts = utcDaysOf(
    Array.from({ length: days + 1 }, (_, i) => new Date(start.getTime() + i * 86_400_000)),
  );
  await ensureEventPartitions(db, dayStarts);
  const perDay = Math.ceil(count / days);
  await db.execute(sql`select setseed(0.4625)`);
  for (let day = 0; day < days; day++) {
    const from = new Date(start.getTime() + day * 86_400_000);
    const rows = Math.min(perDay, count - day * perDay);
    if (rows <= 0) break;
    await db.execute(sql`
      insert into events (occurred_at, source, app_name, hostname, event_id, category, message,
                          source_ip, dest_ip, "user", fields)
      select g.t, 'seed',
        case k.kind when 'fw' then 'firewall' when 'win' then 'Microsoft-Windows-Security-Auditing'
          when 'agent' then 'DefenseStorm Agent' when 'dns' then 'bro_dns'
          else (array['microsoft-windows-search', 'sshd', 'cron', 'webapp'])[1 + g.n % 4] end,
        case k.kind when 'fw' then 'fw0' || (1 + g.n % 4) when 'dns' then 'zeek01'
          else case when g.n % 10 < 4 then 'srv-' || lpad((g.n % 200)::text, 3, '0')
                    when g.n % 10 < 9 then 'ws-' || lpad(g.n::text, 4, '0')
                    else 'dc0' || (1 + g.n % 4) end end,
        w.event_id,
        case k.kind when 'fw' then 'traffic' when 'dns' then 'dns'
          when 'agent' then case when g.r2 < 0.95 then 'heartbeat' else 'alert' end
          when 'win' then case when w.event_id in ('4624', '4625', '4634') then 'Logon'
                               when w.event_id in ('4720', '4722', '4738', '624', '626') then 'User Account Management'
                               when w.event_id = '1102' then 'Log clear' else 'Other' end
          else 'service' end,
        case k.kind
          when 'fw' then format('%s tcp src outside:%s/%s dst inside:10.0.%s.%s/%s',
            case when g.r2 < 0.3 then 'Deny' else 'Allow' end, k.src, 1024 + g.n * 37 % 60000,
            g.n % 256, g.n * 7 % 256, k.port)
          when 'win' then case w.event_id
            when '4624' then 'An account was successfully logged on.'
            when '4625' then 'An account failed to log on.'
            when '4634' then 'An account was logged off.'
            when '4672' then 'Special privileges assigned to new logon.'
            when '4688' then 'A new process has been created.'
            when '4720' then 'A user account was created.'
            when '4722' then 'A user account was enabled.'
            when '1102' then 'The audit log was cleared.'
            else 'A user account was changed.' end
          when 'agent' then case when g.r2 < 0.95 then 'Agent heartbeat: all collectors running'
                                 else 'Agent alert: suspicious process tree' end
          when 'dns' then format('query host%s.corp.example A NOERROR', g.n)
          else format('service message %s', g.n) end,
        case when k.kind in ('fw', 'dns', 'win') then k.src end,
        case when k.kind = 'fw' then '10.0.' || (g.n % 256) || '.' || (g.n * 7 % 256) end,
        case when k.kind = 'win' then 'user' || (g.n % 500) end,
        case k.kind
          when 'fw' then jsonb_build_object('action', case when g.r2 < 0.3 then 'deny' else 'allow' end,
            'dest_port', k.port,
            'geo_dest.country', (array['US', 'US', 'US', 'DE', 'GB', 'CN', 'RU', 'NL'])[1 + g.n % 8])
          when 'win' then jsonb_build_object('winlog.channel', 'Security',
            'winlog.event_data.TargetUserName', 'user' || (g.n * 3 % 500),
            'winlog.event_data.LogonType', 2 + g.n % 9)
          when 'dns' then jsonb_build_object('query', format('host%s.corp.example', g.n),
            'qtype_name', 'A', 'rcode_name', 'NOERROR')
          else '{}'::jsonb end
      from (
        select ${from.toISOString()}::timestamptz + random() * interval '1 day' as t,
               random() as r, random() as r2, (random() * 9999)::int as n
        from generate_series(1, ${rows})
      ) as g
      cross join lateral (
        select case when g.r < 0.40 then 'fw' when g.r < 0.70 then 'win'
                    when g.r < 0.80 then 'agent' when g.r < 0.90 then 'dns' else 'other' end as kind,
               (g.n % 223 + 1) || '.' || (g.n * 11 % 256) || '.' || (g.n * 13 % 256) || '.' || (g.n % 254 + 1) as src,
               (array[443, 80, 53, 22, 3389, 8080])[1 + g.n % 6] as port
      ) as k
      cross join lateral (
        select case when k.kind = 'win' then
                 case when g.r2 < 0.50 then '4624' when g.r2 < 0.55 then '4625'
                      when g.r2 < 0.75 then '4634' when g.r2 < 0.85 then '4672'
                      when g.r2 < 0.95 then '4688' when g.r2 < 0.9590 then '4738'
                      when g.r2 < 0.9600 then '4720' when g.r2 < 0.9610 then '4722'
                      when g.r2 < 0.9612 then '624' when g.r2 < 0.9614 then '626'
                      when g.r2 < 0.96141 then '1102' else '5156' end
               when k.kind = 'agent' and g.r2 >= 0.99 then '4720' end as event_id
      ) as w`);
  }
  await db.execute(sql`vacuum (analyze) events`);
}

async function main() {
  const at = process.argv.indexOf('--events');
  const count = Number(at === -1 ? (process.env.BENCH_EVENTS ?? 3_000_000) : process.argv[at + 1]);
  if (!Number.isInteger(count) || count < 1) throw new Error('--events takes a positive number.');
  const bench = await openBenchDatabase();
  const db = createDb(bench.url, { max: 4, applicationName: 'vigil-bench' });
  try {
    const end = new Date();
    const seeded = await timeIt(() => seedQueryBenchEvents(db, count, { end }));
    console.log(
      `Seeded ${count.toLocaleString('en-US')} events over 30 days in ${(seeded.ms / 1000).toFixed(1)} s (every index in place, then VACUUM ANALYZE)\n`,
    );
    await runEventQueryBench(db, {
      range: { from: new Date(end.getTime() - 30 * 86_400_000), to: end },
    });
  } finally {
    await db.close();
    await bench.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
