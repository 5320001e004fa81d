import { sql } from 'drizzle-orm';
import { organization } from '../../../db/schema';
import { getDashboard, type DashboardScope } from '../../../lib/dashboard/get-dashboard';
import { loadDashboardPage } from '../../../lib/dashboard/load-dashboard-page';
import { percentile, timeIt } from '../bench-database';
import type { ComplianceBench } from './context';

// The dashboard's server time: getDashboard, the function the page calls for its figures,
// for both scopes, beside a baseline in the same run (one count of open incidents), and
// the 12-month series read straight from incidents (what the rollup spares each view).

const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 50);
const ZONE = 'America/Chicago';

async function measure(work: () => Promise<unknown>): Promise<number[]> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timeIt(work)).ms);
  return times.sort((a, b) => a - b);
}

export async function run(bench: ComplianceBench): Promise<void> {
  const { db, people } = bench;
  // The organization's zone decides months and weeks; setting it builds the rollup anew.
  const rebuild = await timeIt(() =>
    db
      .insert(organization)
      .values({ name: 'Bench Bank', timeZone: ZONE })
      .onConflictDoUpdate({ target: organization.id, set: { timeZone: ZONE } }),
  );
  await db.$client`vacuum analyze incident_close_months`;
  const viewer = { userId: people.users[0], teamIds: [people.teams[0]] };
  const load = (scope: DashboardScope) => () => getDashboard(db, { viewer, scope, timeZone: ZONE });

  const page = (scope: DashboardScope) => () =>
    loadDashboardPage(db, { userId: viewer.userId, scope, canSeeAllActivity: false });

  const rows: [string, number[]][] = [
    [
      'Baseline: count(*) of open incidents',
      await measure(() => db.execute(sql`select count(*) from incidents where state <> 'closed'`)),
    ],
    ['Dashboard page data (loadDashboardPage), everyone', await measure(page('everyone'))],
    ['Dashboard page data, my teams (analyst 1, TRAC)', await measure(page('my-teams'))],
    ['  of which the figures (getDashboard), everyone', await measure(load('everyone'))],
    ['  of which the figures, my teams', await measure(load('my-teams'))],
  ];
  // What the rollup replaces: a year of closed incidents aggregated on each view, with the
  // best index for it (built for this comparison only, then dropped): index-only range scan.
  await db.$client`create index bench_closed_at_idx on incidents (closed_at)
    include (severity, created_at, responded_at, response_due_at, owner_user_id, owner_team_id)
    where state = 'closed'`;
  await db.$client`analyze incidents`;
  const direct = await measure(() =>
    db.execute(sql`
      select date_trunc('month', closed_at at time zone ${ZONE}) m, severity, count(*),
        avg(responded_at - created_at), avg(closed_at - created_at),
        count(*) filter (where responded_at <= response_due_at)
      from incidents where state = 'closed' and closed_at >= now() - interval '1 year'
      group by 1, 2`),
  );
  if (process.env.BENCH_EXPLAIN) await explain(bench);
  await db.$client`drop index bench_closed_at_idx`;
  rows.push(['12 months from incidents (index-only scan), no rollup', direct]);

  console.log(
    `Dashboard at ${bench.incidents.toLocaleString('en-US')} incidents + ${bench.tasks.toLocaleString('en-US')} tasks, ${RUNS} runs each (ms)`,
  );
  console.log(`${''.padEnd(56)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'× base'.padStart(7)}`);
  const base = percentile(rows[0][1], 50);
  for (const [label, times] of rows)
    console.log(
      `${label.padEnd(56)} ${percentile(times, 50).toFixed(2).padStart(8)} ${percentile(times, 95).toFixed(2).padStart(8)} ${(percentile(times, 50) / base).toFixed(1).padStart(7)}`,
    );
  const [{ n }] = await db.$client<
    { n: number }[]
  >`select count(*)::int n from incident_close_months`;
  console.log(
    `Rollup: ${n.toLocaleString('en-US')} rows; rebuilt in ${(rebuild.ms / 1000).toFixed(1)} s when the organization's zone is set\n`,
  );
}

/** The plans behind the figures (BENCH_EXPLAIN=1): which index serves each. */
async function explain(bench: ComplianceBench): Promise<void> {
  const client = bench.db.$client;
  const me = bench.people.users[0];
  const team = bench.people.teams[0];
  const queries: [string, string][] = [
    [
      'open by state and severity',
      `select state, severity, count(*) from incidents where state <> 'closed' group by 1, 2`,
    ],
    [
      'open, my teams',
      `select state, severity, count(*) from incidents where state <> 'closed' and (owner_user_id = '${me}' or owner_team_id = '${team}') group by 1, 2`,
    ],
    [
      'breached / at risk',
      `select count(*) filter (where response_due_at < now()), count(*) filter (where response_due_at >= now() and created_at + (response_due_at - created_at) * 0.75 <= now()) from incidents where responded_at is null and state <> 'closed'`,
    ],
    [
      'overdue tasks',
      `select count(*) from tasks where state = 'open' and coalesce(due_at, 'infinity') < now()`,
    ],
    [
      'due this week, my teams',
      `select count(*) from tasks where state = 'open' and coalesce(due_at, 'infinity') >= date_trunc('week', now()) and coalesce(due_at, 'infinity') < date_trunc('week', now()) + interval '7 days' and (owner_user_id = '${me}' or owner_team_id = '${team}')`,
    ],
    [
      '12 months from the rollup',
      `select month, severity, sum(closed) from incident_close_months where month >= (date_trunc('month', now()) - interval '11 months')::date group by 1, 2`,
    ],
    [
      '12 months from incidents',
      `select date_trunc('month', closed_at) m, severity, count(*), avg(closed_at - created_at) from incidents where state = 'closed' and closed_at >= now() - interval '1 year' group by 1, 2`,
    ],
    [
      'the rollup with my teams',
      `select month, severity, sum(closed) from incident_close_months where owner in ('user:${me}', 'team:${team}') and month >= (date_trunc('month', now()) - interval '11 months')::date group by 1, 2`,
    ],
  ];
  for (const [label, query] of queries) {
    const plan = await client.unsafe(`explain (analyze, buffers) ${query}`);
    console.log(`-- ${label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n`);
  }
}
