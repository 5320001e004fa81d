import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { inArray, sql } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { activityLog, incidents, outbox } from '../../db/schema';
import type { UserActor } from '../../lib/auth/actor';
import { closeIncidents } from '../../lib/incidents/close-incidents';
import { incidentExportQuery } from '../../lib/incidents/export-csv';
import { countIncidents, incidentPageQuery, PAGE_SIZE } from '../../lib/incidents/get-incidents';
import { parseIncidentListParams, type IncidentListViewer } from '../../lib/incidents/list-params';
import { openBenchDatabase, timeIt } from './bench-database';
import { incidentListCases } from './list-cases';
import { measureList, ms } from './list-measure';
import { seedIncidents } from './seed-incidents';

// npm run bench -- incidents [--incidents 100000] [--only list|export|bulk-close]
// (BENCH_INCIDENTS=1000000 by default; BENCH_DATABASE_URL to use your server)
// The list query's p50/p95 per filter with the index that served it, the streamed CSV
// export against psql's \copy of the same SELECT and of the bare table, and a
// 10,000-incident bulk close.
// Seeding a million takes long on a small machine: a smaller table and --only bulk-close
// give the bulk-close figure in a few minutes.

const PARTS = ['list', 'export', 'bulk-close', 'audit-chain'] as const;
const COUNT = Number(option('--incidents') ?? process.env.BENCH_INCIDENTS ?? 1_000_000);
const ONLY = option('--only');
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const ZONE = 'America/Chicago';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

export async function run(): Promise<void> {
  if (!Number.isInteger(COUNT) || COUNT < 1)
    throw new Error('--incidents takes a positive whole number.');
  if (ONLY !== undefined && !(PARTS as readonly string[]).includes(ONLY))
    throw new Error(`--only takes one of ${PARTS.join(', ')}.`);
  const runs = (part: (typeof PARTS)[number]) => ONLY === undefined || ONLY === part;
  console.log(
    `Incidents benchmark: ${COUNT.toLocaleString('en-US')} incidents, ${RUNS} runs per query`,
  );
  const bench = await openBenchDatabase();
  const db = createDb(bench.url, { max: 4, applicationName: 'vigil-bench' });
  try {
    const seed = await timeIt(() => seedIncidents(db.$client, COUNT));
    console.log(
      `Seeded in ${(seed.ms / 1000).toFixed(1)} s (with every index in place, then VACUUM ANALYZE)\n`,
    );
    const { users, teams, admin } = seed.value;
    if (runs('list')) await benchList(db, users, teams);
    if (runs('export')) await benchExport(db, bench.url);
    if (runs('bulk-close')) await benchBulkClose(db, admin);
    if (runs('audit-chain')) await benchChainCost(db, admin);
  } finally {
    await db.close();
    await bench.close();
  }
}

async function benchList(db: Db, users: string[], teams: string[]): Promise<void> {
  // Analyst 1 is the busiest owner and in TRAC; analyst 50 the quietest.
  const viewer: IncidentListViewer = { userId: users[0], teamIds: [teams[0]], timeZone: ZONE };
  const cases = incidentListCases({ users, teams });

  console.log('List query, first page of 50 (ms)');
  console.log(
    "p50/p95: the whole call from Node (round trip, rows mapped); exec: PostgreSQL's execution time (EXPLAIN ANALYZE, median)",
  );
  console.log(
    `${'filter'.padEnd(48)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'exec'.padStart(7)} ${'rows'.padStart(5)} ${'count p50'.padStart(10)}  index`,
  );
  for (const [label, query] of cases) {
    const params = parseIncidentListParams(new URLSearchParams(query), viewer);
    const figures = await measureList(db, {
      table: 'incidents',
      page: () => incidentPageQuery(db, params, PAGE_SIZE),
      count: () => countIncidents(db, params),
      runs: RUNS,
      countRuns: 5,
    });
    console.log(
      `${label.padEnd(48)} ${ms(figures.page.p50)} ${ms(figures.page.p95)} ${ms(figures.execMs)} ${String(figures.rows).padStart(5)} ${figures.count.p50.toFixed(1).padStart(10)}  ${figures.indexes.join(' + ')}  [${figures.count.text}]`,
    );
  }
  console.log('');
}

async function benchExport(db: Db, url: string): Promise<void> {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(incidents);
  const params = parseIncidentListParams(new URLSearchParams('state=all'), {
    userId: '00000000-0000-4000-8000-000000000000',
    teamIds: [],
  });
  const query = incidentExportQuery(db, params).toSQL();
  const exportSql = withLiterals(query.sql, query.params).replace(/\s+/g, ' ');

  // The baselines: psql's \copy of the export's own SELECT (what PostgreSQL takes to make
  // the rows), and of the bare table (what reading and writing the rows takes at all).
  const baselines = [
    { label: 'psql \\copy, same SELECT', copy: `(${exportSql})` },
    { label: 'psql \\copy, bare table', copy: 'incidents' },
  ];
  const psql = await hasPsql();
  const copyOf = (from: string) => `\\copy ${from} to stdout csv header`;
  // Warm the cache with one untimed run, so neither side pays for cold reads.
  if (psql)
    await countOutput('psql', [url, '-X', '-q', '-c', copyOf(baselines[0].copy)], {
      ...process.env,
      PGTZ: ZONE,
    });

  // The child runs as plain JavaScript, bundled like a production build, so its peak RSS is
  // the export's and not that of the TypeScript loader (about 90 MB of tsx and esbuild).
  // Inside node_modules so the bundle's own imports (drizzle, postgres) resolve.
  const bundle = path.join('node_modules', '.cache', 'vigil-bench', 'export-child.mjs');
  await build({
    entryPoints: ['scripts/bench/export-child.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const exportChild = (mode: 'bare' | 'guarded') =>
    new Promise<{ bytes: number; ms: number; cpuMs: number; maxRssMb: number }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [bundle, url, ZONE, mode], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0
            ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
            : reject(new Error(`export child exited ${code}`)),
        );
      },
    );
  const ours = await exportChild('bare');
  // The same export as the routes run it: export pool, per-user count, idle watch.
  const guarded = await exportChild('guarded');

  const measured: { label: string; bytes: number; ms: number }[] = [];
  if (psql) {
    for (const { label, copy } of baselines)
      measured.push({
        label,
        ...(await countOutput('psql', [url, '-X', '-q', '-c', copyOf(copy)], {
          ...process.env,
          PGTZ: ZONE,
        })),
      });
  } else {
    for (const { label, copy } of baselines) {
      const reserved = await db.$client.reserve();
      await reserved.unsafe('select set_config($1, $2, false)', ['TimeZone', ZONE]);
      const start = process.hrtime.bigint();
      let bytes = 0;
      const stream = await reserved.unsafe(`copy ${copy} to stdout csv header`).readable();
      for await (const chunk of stream) bytes += (chunk as Buffer).length;
      measured.push({
        label: label.replace('psql \\copy', 'COPY via postgres.js'),
        bytes,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
      });
      await reserved.unsafe('reset timezone');
      reserved.release();
    }
  }

  const rate = (ms: number) => total / (ms / 1000);
  const line = (label: string, run: { ms: number; bytes: number }) =>
    `  ${label.padEnd(26)} ${(run.ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(rate(run.ms)).toLocaleString('en-US').padStart(9)} rows/s  ${(run.bytes / 1e6).toFixed(1).padStart(6)} MB`;
  console.log(`CSV export of all ${total.toLocaleString('en-US')} incidents, every column`);
  console.log(
    `${line('streamed export', ours)}  peak RSS ${ours.maxRssMb.toFixed(0)} MB, CPU ${(ours.cpuMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `${line('through lib/exports', guarded)}  peak RSS ${guarded.maxRssMb.toFixed(0)} MB, CPU ${(guarded.cpuMs / 1000).toFixed(2)} s`,
  );
  for (const run of measured) console.log(line(run.label, run));
  console.log(
    `  ratio guarded to bare stream ${((rate(guarded.ms) / rate(ours.ms)) * 100).toFixed(0)} % of its rows/s`,
  );
  for (const run of measured)
    console.log(
      `  ratio to ${run.label.padEnd(24)} ${((rate(ours.ms) / rate(run.ms)) * 100).toFixed(0)} % of its rows/s`,
    );
  console.log('');
}

/**
 * The SELECT with its parameters written in as literals, for psql: the export of every
 * incident has only fixed strings (the team suffix), never anything a person typed.
 */
function withLiterals(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (typeof value !== 'string') throw new Error(`parameter $${n} is not a string`);
    return `'${value.replaceAll("'", "''")}'`;
  });
}

async function hasPsql(): Promise<boolean> {
  try {
    await promisify(execFile)('psql', ['--version']);
    return true;
  } catch {
    return false;
  }
}

function countOutput(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve({ bytes, ms: Number(process.hrtime.bigint() - start) / 1e6 })
        : reject(new Error(`${command} exited ${code}`)),
    );
  });
}

async function benchBulkClose(db: Db, adminId: string): Promise<void> {
  const target = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(sql`${incidents.state} <> 'closed'`)
    .limit(10_000);
  const ids = target.map((r) => r.id);
  const admin: UserActor = {
    kind: 'user',
    userId: adminId,
    name: 'Bench Admin',
    email: 'admin@bench.example',
    role: 'admin',
    requestId: 'bench',
  };
  const [{ activityBefore }] = await db
    .select({ activityBefore: sql<number>`count(*)::int` })
    .from(activityLog);
  const [{ outboxBefore }] = await db
    .select({ outboxBefore: sql<number>`count(*)::int` })
    .from(outbox);
  const { ms, value } = await timeIt(() =>
    closeIncidents(db, admin, { incidentIds: ids, note: 'Benchmark: scanner false positives.' }),
  );
  const [{ activityAfter }] = await db
    .select({ activityAfter: sql<number>`count(*)::int` })
    .from(activityLog);
  const [{ outboxAfter }] = await db
    .select({ outboxAfter: sql<number>`count(*)::int` })
    .from(outbox);
  const [{ stillOpen }] = await db
    .select({ stillOpen: sql<number>`count(*)::int` })
    .from(incidents)
    .where(sql`${inArray(incidents.id, ids)} and ${incidents.state} <> 'closed'`);
  console.log(`Bulk close of ${ids.length.toLocaleString('en-US')} incidents (batches of 500)`);
  console.log(
    `  ${(ms / 1000).toFixed(2)} s; closed ${value.closed}, already closed ${value.alreadyClosed}; ${activityAfter - activityBefore} activity rows, ${outboxAfter - outboxBefore} outbox rows; ${stillOpen} left open`,
  );
}

/**
 * What the activity log's hash chain (migration 0024) costs a bulk close of 5,000: the same
 * close with the chain's trigger disabled, enabled, and disabled again (so a table that grows
 * during the run does not favour either side), on different incidents of one table.
 */
async function benchChainCost(db: Db, adminId: string): Promise<void> {
  const CLOSE = 5_000;
  // The seed closes most incidents; open enough of them first (bench data, not the domain's way).
  const target = (await db.execute(sql`
    update incidents set state = 'triage', closed_at = null, closed_by_id = null, dedupe_key = null
    where id in (select id from incidents order by created_at desc limit ${3 * CLOSE})
    returning id`)) as unknown as { id: string }[];
  if (target.length < 3 * CLOSE)
    throw new Error(`audit-chain needs ${3 * CLOSE} incidents; seed more with --incidents.`);
  await db.execute(sql`vacuum analyze incidents`);
  const admin: UserActor = {
    kind: 'user',
    userId: adminId,
    name: 'Bench Admin',
    email: 'admin@bench.example',
    role: 'admin',
    requestId: 'bench',
  };
  const ids = target.map((r) => r.id);
  const close = async (part: number, chain: boolean) => {
    await db.execute(
      chain
        ? sql`alter table activity_log enable trigger activity_log_chain`
        : sql`alter table activity_log disable trigger activity_log_chain`,
    );
    const { ms } = await timeIt(() =>
      closeIncidents(db, admin, {
        incidentIds: ids.slice(part * CLOSE, (part + 1) * CLOSE),
        note: 'Benchmark: chain cost.',
      }),
    );
    return ms;
  };
  const off1 = await close(0, false);
  const on = await close(1, true);
  const off2 = await close(2, false);
  await db.execute(sql`alter table activity_log enable trigger activity_log_chain`);
  const [{ links }] = await db.execute<{ links: number }>(
    sql`select count(*)::int as links from activity_chain`,
  );
  const off = (off1 + off2) / 2;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Bulk close of ${CLOSE.toLocaleString('en-US')} incidents: hash chain off, on, off`);
  console.log(
    `  off ${s(off1)}, on ${s(on)}, off ${s(off2)}: the chain costs ${s(on - off)} (${(on / off).toFixed(2)}×, ${((on - off) / CLOSE).toFixed(2)} ms an item); ${links} links`,
  );
}
