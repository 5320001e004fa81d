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
import { openBenchDatabase, percentile, timeIt } from './bench-database';
import { seedIncidents } from './seed-incidents';

// npm run bench -- incidents [--incidents 100000] [--only list|export|bulk-close]
// (BENCH_INCIDENTS=1000000 by default; BENCH_DATABASE_URL to use your server)
// The list query's p50/p95 per filter with the index that served it, the streamed CSV
// export against psql's \copy of the same SELECT, and a 10,000-incident bulk close.
// Seeding a million takes long on a small machine: a smaller table and --only bulk-close
// give the bulk-close figure in a few minutes.

const PARTS = ['list', 'export', 'bulk-close'] as const;
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
  } finally {
    await db.close();
    await bench.close();
  }
}

async function benchList(db: Db, users: string[], teams: string[]): Promise<void> {
  // Analyst 1 is the busiest owner and in TRAC; analyst 50 the quietest.
  const viewer: IncidentListViewer = { userId: users[0], teamIds: [teams[0]], timeZone: ZONE };
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, string][] = [
    ['default (open, newest first)', ''],
    ['state=triage', 'state=triage'],
    ['state=closed', 'state=closed'],
    ['state=all', 'state=all'],
    ['severity=high', 'severity=high'],
    ['severity=none,low', 'severity=none&severity=low'],
    ['owner=me (user + team)', 'owner=me'],
    ['owner=user (busiest)', `owner=user:${users[0]}`],
    ['owner=user (quietest)', `owner=user:${users[49]}`],
    ['owner=team', `owner=team:${teams[1]}`],
    ['owner=unassigned', 'owner=unassigned'],
    ['createdBy', `createdBy=${users[5]}`],
    ['dueFrom/dueTo (next 7 days)', `dueFrom=${day(0)}&dueTo=${day(7)}`],
    ['createdFrom/createdTo (one month)', `createdFrom=${day(-60)}&createdTo=${day(-30)}`],
    [
      'createdFrom/createdTo, state=all (2 years ago)',
      `state=all&createdFrom=${day(-730)}&createdTo=${day(-700)}`,
    ],
    ['q=phishing (common)', 'q=phishing'],
    ['q=ws-0042 (rare)', 'q=ws-0042'],
    ['q=ransomware, state=all', 'q=ransomware&state=all'],
    ['response=breached', 'response=breached'],
    ['response=at-risk', 'response=at-risk'],
    ['sort=due', 'sort=due'],
    ['sort=-severity', 'sort=-severity'],
    ['sort=-updated', 'sort=-updated'],
    ['owner=user, state=all', `owner=user:${users[3]}&state=all`],
    [
      'state+severity+owner',
      `state=triage&state=analysis&severity=high&severity=medium&owner=user:${users[0]}`,
    ],
    [
      'state+severity+owner=me',
      'state=triage&state=analysis&severity=high&severity=medium&owner=me',
    ],
    ['state+severity+owner=team', `state=remediation&severity=low&owner=team:${teams[0]}`],
  ];

  console.log('List query, first page of 50 (ms)');
  console.log(
    "p50/p95: the whole call from Node (round trip, rows mapped); exec: PostgreSQL's execution time (EXPLAIN ANALYZE, median)",
  );
  console.log(
    `${'filter'.padEnd(48)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'exec'.padStart(7)} ${'rows'.padStart(5)} ${'count p50'.padStart(10)}  index`,
  );
  for (const [label, query] of cases) {
    const params = parseIncidentListParams(new URLSearchParams(query), viewer);
    const pageQuery = incidentPageQuery(db, params, PAGE_SIZE);
    let rows = 0;
    for (let i = 0; i < 3; i++) rows = (await pageQuery).length;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++)
      times.push((await timeIt(() => incidentPageQuery(db, params, PAGE_SIZE))).ms);
    times.sort((a, b) => a - b);
    const counts: number[] = [];
    let count = '';
    for (let i = 0; i < 5; i++) {
      const timed = await timeIt(() => countIncidents(db, params));
      counts.push(timed.ms);
      count = timed.value.capped ? '10,000+' : timed.value.count.toLocaleString('en-US');
    }
    counts.sort((a, b) => a - b);
    const { sql: text, params: values } = pageQuery.toSQL();
    const plan = (await db.$client.unsafe(`explain ${text}`, values as never[])).map((r) =>
      String(r['QUERY PLAN']),
    );
    // PostgreSQL's own execution time, without the round trip and row mapping (median of 5).
    const executions: number[] = [];
    for (let i = 0; i < 5; i++) {
      const analyzed = await db.$client.unsafe(
        `explain (analyze, timing off) ${text}`,
        values as never[],
      );
      executions.push(
        Number(
          /Execution Time: ([\d.]+)/.exec(
            analyzed.map((r) => String(r['QUERY PLAN'])).join('\n'),
          )?.[1] ?? NaN,
        ),
      );
    }
    executions.sort((a, b) => a - b);
    // The scans of the incidents table itself (not the joins to users and teams).
    const scans = plan.filter((line) =>
      /(using|on) incidents_\w+|Seq Scan on incidents\b/.test(line),
    );
    const used = [
      ...new Set(
        scans.map((line) =>
          line
            .trim()
            .replace(/\s+\(cost.*$/, '')
            .replace(/^->\s*/, ''),
        ),
      ),
    ];
    console.log(
      `${label.padEnd(48)} ${percentile(times, 50).toFixed(2).padStart(7)} ${percentile(times, 95).toFixed(2).padStart(7)} ${percentile(executions, 50).toFixed(2).padStart(7)} ${String(rows).padStart(5)} ${percentile(counts, 50).toFixed(1).padStart(10)}  ${used.join(' + ')}  [${count}]`,
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
  if (query.params.length)
    throw new Error('the export of every incident should need no parameters');

  const copySql = `\\copy (${query.sql.replace(/\s+/g, ' ')}) to stdout csv header`;
  const psql = await hasPsql();
  // Warm the cache with one untimed baseline run, so neither side pays for cold reads.
  if (psql)
    await countOutput('psql', [url, '-X', '-q', '-c', copySql], { ...process.env, PGTZ: ZONE });

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
  const ours = await new Promise<{ bytes: number; ms: number; maxRssMb: number }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [bundle, url, ZONE], {
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

  let baseline: { label: string; bytes: number; ms: number };
  if (psql) {
    baseline = {
      label: 'psql \\copy',
      ...(await countOutput('psql', [url, '-X', '-q', '-c', copySql], {
        ...process.env,
        PGTZ: ZONE,
      })),
    };
  } else {
    const reserved = await db.$client.reserve();
    await reserved.unsafe('select set_config($1, $2, false)', ['TimeZone', ZONE]);
    const start = process.hrtime.bigint();
    let bytes = 0;
    const stream = await reserved.unsafe(`copy (${query.sql}) to stdout csv header`).readable();
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    baseline = {
      label: 'COPY via postgres.js',
      bytes,
      ms: Number(process.hrtime.bigint() - start) / 1e6,
    };
    await reserved.unsafe('reset timezone');
    reserved.release();
  }

  const rate = (ms: number) => total / (ms / 1000);
  console.log(`CSV export of all ${total.toLocaleString('en-US')} incidents`);
  console.log(
    `  streamed export   ${(ours.ms / 1000).toFixed(2)} s  ${Math.round(rate(ours.ms)).toLocaleString('en-US')} rows/s  ${(ours.bytes / 1e6).toFixed(1)} MB  peak RSS ${ours.maxRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  ${baseline.label.padEnd(17)} ${(baseline.ms / 1000).toFixed(2)} s  ${Math.round(rate(baseline.ms)).toLocaleString('en-US')} rows/s  ${(baseline.bytes / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `  ratio             ${((rate(ours.ms) / rate(baseline.ms)) * 100).toFixed(0)} % of the baseline's rows/s\n`,
  );
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
