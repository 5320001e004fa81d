import { sql } from 'drizzle-orm';
import { taskSchedules } from '../../../db/schema';
import { systemActor } from '../../../lib/auth/actor';
import { complianceCsv, COMPLIANCE_CSV_FILES } from '../../../lib/reports/csv-files';
import { getComplianceReport } from '../../../lib/reports/get-compliance-report';
import { complianceReportHash, complianceReportJson } from '../../../lib/reports/report-json';
import { nextOccurrence, toRruleString } from '../../../lib/schedules/recurrence';
import { percentile, timeIt } from '../bench-database';
import type { ComplianceBench } from './context';

// The compliance report for a year of 100 schedules, each twice a week (Monday and Thursday:
// 104 periods a year, ≈ 10,400 occurrences), every period in the ledger with its task — most
// closed on time by someone (with the activity row that says who), some late, invalid, open,
// or recorded as missed — beside the database's own count of the same ledger rows.

const SCHEDULES = 100;
const RUNS = 10;
const DAY_MS = 86_400_000;

async function seed(bench: ComplianceBench, now: Date, start: Date): Promise<void> {
  const { db } = bench;
  const startDate = start.toISOString().slice(0, 10);
  const rows = Array.from({ length: SCHEDULES }, (_, i) => {
    const recurrence = {
      pattern: { kind: 'weekly' as const, interval: 1, weekdays: ['MO' as const, 'TH' as const] },
      timeOfDay: `${String(7 + (i % 10)).padStart(2, '0')}:00`,
      timeZone: 'UTC',
      startDate,
      endDate: null,
    };
    const rrule = toRruleString(recurrence);
    return {
      name: `Report bench review ${i + 1}`,
      ...recurrence,
      rrule,
      dueInDays: 3,
      tags: ['report-bench'],
      groupName: i % 2 ? 'Network' : 'Identity',
      ownerUserId: bench.people.users[i % bench.people.users.length],
      active: true,
      activatedAt: start,
      ruleEffectiveAt: start,
      accountedThrough: now,
      nextOccurrenceAt: nextOccurrence(rrule, now),
    };
  });
  await db.insert(taskSchedules).values(rows);
  const closer = bench.people.users[0];
  // One task per Monday and Thursday since the start; outcome by position: every 20th
  // missed (no task), every 13th closed late, every 31st invalid, the last week open.
  await db.execute(sql`
    with periods as (
      select s.id as schedule_id, s.name, s.owner_user_id,
             (d::date + s.time_of_day::time) at time zone 'UTC' as occurrence_at,
             'day:' || to_char(d, 'YYYY-MM-DD') as period_key,
             row_number() over (partition by s.id order by d) as n
      from task_schedules s
      cross join lateral generate_series(${startDate}::date, ${now.toISOString()}::timestamptz::date, interval '1 day') d
      where s.name like 'Report bench review %' and extract(isodow from d) in (1, 4)
        and (d::date + s.time_of_day::time) at time zone 'UTC' <= ${now.toISOString()}::timestamptz
    ), made as (
      insert into tasks (title, state, owner_user_id, due_at, findings, invalid_reason, closed_at,
                         schedule_id, occurrence_at, period_key, created_at, updated_at)
      select name || ' — ' || period_key,
             (case when occurrence_at > ${new Date(now.getTime() - 7 * DAY_MS).toISOString()}::timestamptz then 'open'
                   when n % 31 = 0 then 'invalid' else 'closed' end)::task_state,
             owner_user_id, occurrence_at + interval '3 days',
             case when n % 31 <> 0 then 'Reviewed; nothing unusual.' end,
             case when n % 31 = 0 then 'System decommissioned that week.' end,
             case when occurrence_at > ${new Date(now.getTime() - 7 * DAY_MS).toISOString()}::timestamptz then null
                  when n % 13 = 0 then occurrence_at + interval '5 days' else occurrence_at + interval '1 day' end,
             schedule_id, occurrence_at, period_key, occurrence_at, occurrence_at
      from periods where n % 20 <> 0
      returning id, schedule_id, period_key, occurrence_at, state, closed_at
    ), ledger as (
      insert into schedule_periods (schedule_id, period_key, occurrence_at, outcome, task_id)
      select schedule_id, period_key, occurrence_at, 'task', id from made
      returning 1
    ), closings as (
      insert into activity_log (occurred_at, actor_id, actor_label, action, entity_type, entity_id)
      select closed_at, ${closer}::uuid, 'Bench Analyst <bench@example.com>',
             case when state = 'invalid' then 'task.invalidated' else 'task.closed' end, 'task', id::text
      from made where closed_at is not null
      returning 1
    )
    select (select count(*) from ledger) + (select count(*) from closings)`);
  await db.execute(sql`
    insert into schedule_periods (schedule_id, period_key, occurrence_at, outcome, reason)
    select s.id, 'day:' || to_char(d, 'YYYY-MM-DD'), (d::date + s.time_of_day::time) at time zone 'UTC', 'missed', 'benchmark: worker down'
    from task_schedules s
    cross join lateral (
      select d, row_number() over (order by d) as n
      from generate_series(${startDate}::date, ${now.toISOString()}::timestamptz::date, interval '1 day') d
      where extract(isodow from d) in (1, 4) and (d::date + s.time_of_day::time) at time zone 'UTC' <= ${now.toISOString()}::timestamptz
    ) p
    where s.name like 'Report bench review %' and p.n % 20 = 0`);
  await db.execute(sql`analyze`);
}

export async function run(bench: ComplianceBench): Promise<void> {
  const { db } = bench;
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const start = new Date(today.getTime() - 365 * DAY_MS);
  const seeded = await timeIt(() => seed(bench, today, start));
  const params = {
    from: start.toISOString().slice(0, 10),
    to: new Date(today.getTime() - DAY_MS).toISOString().slice(0, 10),
  };
  const actor = systemActor('bench');
  const ledger = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from schedule_periods where occurrence_at >= ${start.toISOString()}::timestamptz and occurrence_at < ${today.toISOString()}::timestamptz`,
  );
  console.log(
    `Report: ${SCHEDULES} schedules twice a week for a year, seeded in ${(seeded.ms / 1000).toFixed(1)} s; ${ledger[0].n.toLocaleString('en-US')} ledger rows in the range (all schedules)`,
  );

  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const times = {
    count: [] as number[],
    report: [] as number[],
    json: [] as number[],
    csv: [] as number[],
  };
  let occurrences = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const baseline = await timeIt(() =>
      db.execute(
        sql`select count(*) from schedule_periods p join task_schedules s on s.id = p.schedule_id where s.name like 'Report bench review %' and p.occurrence_at >= ${start.toISOString()}::timestamptz and p.occurrence_at < ${today.toISOString()}::timestamptz`,
      ),
    );
    const built = await timeIt(() =>
      getComplianceReport(db, actor, { ...params, tag: 'report-bench' }, today),
    );
    const json = await timeIt(async () => {
      const body = JSON.stringify(complianceReportJson(built.value));
      complianceReportHash(built.value);
      return body.length;
    });
    const csv = await timeIt(async () =>
      complianceCsv(COMPLIANCE_CSV_FILES[0], built.value, 'America/Chicago'),
    );
    occurrences = built.value.occurrences.length;
    if (i === 0) continue; // the first run warms the caches
    times.count.push(baseline.ms);
    times.report.push(built.ms);
    times.json.push(built.ms + json.ms);
    times.csv.push(built.ms + csv.ms);
  }
  const rssAfter = process.resourceUsage().maxRSS / 1024;
  const line = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `  ${label.padEnd(44)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms`;
  };
  console.log(`  ${occurrences.toLocaleString('en-US')} occurrences in the report, ${RUNS} runs`);
  console.log(line('baseline: count(*) of the same ledger rows', times.count));
  console.log(line('getComplianceReport (target ≤ 2,000 ms)', times.report));
  console.log(line('  + API JSON body and content hash', times.json));
  console.log(line('  + occurrences CSV', times.csv));
  const ratio =
    percentile(
      [...times.report].sort((a, b) => a - b),
      50,
    ) /
    Math.max(
      0.1,
      percentile(
        [...times.count].sort((a, b) => a - b),
        50,
      ),
    );
  console.log(`  report / baseline (p50): ${ratio.toFixed(0)}×`);
  console.log(
    `  peak RSS of the benchmark process: ${rssAfter.toFixed(0)} MB (${(rssAfter - rssBefore).toFixed(0)} MB more while building reports)\n`,
  );
}
