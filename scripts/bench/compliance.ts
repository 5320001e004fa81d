import { createDb } from '../../db/client';
import { openBenchDatabase, timeIt } from './bench-database';
import { run as runBundle } from './compliance/bundle';
import type { ComplianceBench } from './compliance/context';
import { run as runDashboard } from './compliance/dashboard';
import { run as runLists } from './compliance/lists';
import { run as runReport } from './compliance/report';
import { seedIncidents } from './seed-incidents';
import { seedTasks } from './seed-tasks';

// npm run bench -- compliance [--incidents N] [--tasks N] [--only dashboard|lists|report|bundle]
// (1,000,000 incidents and 1,000,000 tasks by default; BENCH_DATABASE_URL to use your server)
// What an examiner and a CISO wait for: the dashboard's server time, the incident list's
// count and page for every filter it offers, the compliance report for a year of 100
// schedules, and its evidence bundle with 1,000 attachments.

const PARTS = { dashboard: runDashboard, lists: runLists, report: runReport, bundle: runBundle };
const INCIDENTS = Number(option('--incidents') ?? process.env.BENCH_INCIDENTS ?? 1_000_000);
const TASKS = Number(option('--tasks') ?? process.env.BENCH_TASKS ?? 1_000_000);
const ONLY = option('--only');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

export async function run(): Promise<void> {
  for (const [name, value] of [
    ['--incidents', INCIDENTS],
    ['--tasks', TASKS],
  ] as const)
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} takes a positive whole number.`);
  if (ONLY !== undefined && !(ONLY in PARTS))
    throw new Error(`--only takes one of ${Object.keys(PARTS).join(', ')}.`);
  const bench = await openBenchDatabase();
  const db = createDb(bench.url, { max: 4, applicationName: 'vigil-bench' });
  try {
    const seeded = await timeIt(async () => {
      const people = await seedIncidents(db.$client, INCIDENTS);
      await seedTasks(db.$client, TASKS, people);
      await db.$client`vacuum analyze`;
      return people;
    });
    console.log(
      `Seeded ${INCIDENTS.toLocaleString('en-US')} incidents and ${TASKS.toLocaleString('en-US')} tasks in ${(seeded.ms / 1000).toFixed(1)} s\n`,
    );
    const context: ComplianceBench = {
      db,
      url: bench.url,
      people: seeded.value,
      incidents: INCIDENTS,
      tasks: TASKS,
    };
    for (const [name, part] of Object.entries(PARTS))
      if (!ONLY || ONLY === name) await part(context);
  } finally {
    await db.close();
    await bench.close();
  }
}
