import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { taskSchedules } from '../../db/schema';
import {
  nextOccurrence,
  toRruleString,
  WEEKDAYS,
  type RecurrencePattern,
} from '../../lib/schedules/recurrence';

// Data for the schedules benchmark, written with set-based statements: schedules whose
// ledger already holds a year of periods (the steady state a reconcile checks), a few with
// one period missing (what a reconcile repairs), and outbox email rows for a backlog.

const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/London',
  'UTC',
];
const DAY_MS = 86_400_000;

export type SeededSchedules = {
  /** Monthly schedules without a gap, free to be re-aimed at a minute for the generation runs. */
  monthly: string[];
  ledgerRows: number;
  /** Schedules given a missing period (daily: a day, weekly: a week, monthly: possibly none). */
  withGap: number;
};

/**
 * `total` active schedules (a tenth daily, three tenths weekly, the rest monthly, 06:00–17:59
 * in six zones) whose rules took effect `ledgerDays` ago, each period since in the ledger.
 * The ledger rows are recorded misses: the reconcile counts rows whatever their outcome, and
 * misses need no task rows.
 */
export async function seedSchedulesWithLedger(
  db: Db,
  options: { total: number; now: Date; ledgerDays: number; gapEvery: number },
): Promise<SeededSchedules> {
  const effective = new Date(options.now.getTime() - options.ledgerDays * DAY_MS);
  const startDate = effective.toISOString().slice(0, 10);
  const rows = [];
  for (let i = 0; i < options.total; i++) {
    const pattern: RecurrencePattern =
      i % 10 === 0
        ? { kind: 'daily' }
        : i % 10 <= 3
          ? { kind: 'weekly', interval: 1, weekdays: [WEEKDAYS[i % 7]] }
          : { kind: 'monthly-day', day: 1 + (i % 28) };
    const recurrence = {
      pattern,
      timeOfDay: `${String(6 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
      timeZone: ZONES[i % ZONES.length],
      startDate,
      endDate: null,
    };
    const rrule = toRruleString(recurrence);
    rows.push({
      name: `Bench schedule ${i + 1}${i % options.gapEvery === options.gapEvery - 1 ? ' (gap)' : ''}`,
      description: 'Benchmark',
      ...recurrence,
      rrule,
      dueInDays: 3,
      tags: ['bench'],
      active: true,
      activatedAt: effective,
      ruleEffectiveAt: effective,
      accountedThrough: options.now,
      nextOccurrenceAt: nextOccurrence(rrule, options.now),
    });
  }
  const monthly: string[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    const inserted = await db
      .insert(taskSchedules)
      .values(rows.slice(i, i + 1_000))
      .returning({
        id: taskSchedules.id,
        name: taskSchedules.name,
        pattern: taskSchedules.pattern,
      });
    monthly.push(
      ...inserted
        .filter((s) => s.pattern.kind === 'monthly-day' && !s.name.endsWith('(gap)'))
        .map((s) => s.id),
    );
  }

  // Every period from the rule's start to now, by local date; the gap schedules lose the
  // periods of a window half a year ago.
  const gapFrom = new Date(options.now.getTime() - 180 * DAY_MS).toISOString().slice(0, 10);
  const inserted = await db.execute<{ n: number }>(sql`
    with bench as (
      select id, name, pattern, time_of_day, time_zone, start_date from task_schedules where name like 'Bench schedule %'
    ), days as (
      select id, name, 'daily' as kind, d::date as day, time_of_day, time_zone
      from bench cross join lateral generate_series(start_date::timestamp, ${options.now.toISOString()}::timestamptz::date::timestamp, interval '1 day') d
      where pattern->>'kind' = 'daily'
      union all
      -- Weekly: every 7 days from the first chosen weekday on or after the start.
      select id, name, 'weekly', d::date, time_of_day, time_zone
      from bench
      cross join lateral (select array_position(array['MO','TU','WE','TH','FR','SA','SU'], pattern->'weekdays'->>0) as wd) w
      cross join lateral generate_series((start_date + ((w.wd - extract(isodow from start_date)::int + 7) % 7))::timestamp,
                                         ${options.now.toISOString()}::timestamptz::date::timestamp, interval '7 days') d
      where pattern->>'kind' = 'weekly'
      union all
      -- Monthly on a day from 1 to 28: that day of every month since the start.
      select id, name, 'monthly', d::date, time_of_day, time_zone
      from bench
      cross join lateral generate_series(date_trunc('month', start_date) + ((pattern->>'day')::int - 1) * interval '1 day',
                                         ${options.now.toISOString()}::timestamptz::date::timestamp, interval '1 month') d
      where pattern->>'kind' = 'monthly-day' and d::date >= start_date
    ), periods as (
      select id, name, kind, day, (day + time_of_day::time) at time zone time_zone as occurrence_at from days
    ), inserted as (
      insert into schedule_periods (schedule_id, period_key, occurrence_at, outcome, reason)
      select id,
             case kind when 'daily' then 'day:' || to_char(day, 'YYYY-MM-DD')
                       when 'weekly' then 'week:' || to_char(day - (extract(isodow from day)::int - 1), 'YYYY-MM-DD')
                       else 'month:' || to_char(day, 'YYYY-MM') end,
             occurrence_at, 'missed', 'benchmark seed'
      from periods
      where occurrence_at > ${effective.toISOString()}::timestamptz and occurrence_at <= ${options.now.toISOString()}::timestamptz
        and not (name like '%(gap)' and day >= ${gapFrom}::date
                 and day < ${gapFrom}::date + case kind when 'daily' then 1 when 'weekly' then 7 else 28 end)
      returning 1
    )
    select count(*)::int as n from inserted`);
  return {
    monthly,
    ledgerRows: inserted[0].n,
    withGap: Math.floor(options.total / options.gapEvery),
  };
}

/**
 * Re-aims schedules at one minute: schedule i fires once at second (i mod 60) of it, daily
 * from then on, taking effect now. The worker's generator sees the new cursor within a second.
 */
export async function aimAtMinute(db: Db, ids: string[], minuteStart: Date): Promise<void> {
  const ats = ids.map((_, i) => new Date(minuteStart.getTime() + (i % 60) * 1000).toISOString());
  await db.execute(sql`
    update task_schedules s
    set rrule = 'DTSTART;TZID=UTC:' || to_char(v.at at time zone 'UTC', 'YYYYMMDD"T"HH24MISS') || E'\nRRULE:FREQ=DAILY',
        pattern = '{"kind":"daily"}'::jsonb,
        time_of_day = to_char(v.at at time zone 'UTC', 'HH24:MI'),
        time_zone = 'UTC',
        start_date = (v.at at time zone 'UTC')::date,
        rule_effective_at = now(),
        accounted_through = now(),
        next_occurrence_at = v.at,
        version = s.version + 1
    from (select unnest(${`{${ids.join(',')}}`}::uuid[]) as id, unnest(${`{${ats.join(',')}}`}::timestamptz[]) as at) v
    where s.id = v.id`);
}

/**
 * `count` pending email rows, five recipients per incident, as closing count/5 incidents
 * with five watchers each leaves them: distinct incidents (no shared render), one-click
 * unsubscribe links (a signature per row).
 */
export async function seedEmailBacklog(db: Db, count: number): Promise<void> {
  await db.execute(sql`
    insert into outbox (kind, topic, payload)
    select 'email', 'incident-closed', jsonb_build_object(
      'template', 'incident-closed',
      'to', 'watcher' || (i % 5) || '.incident' || (i / 5) || '@bench.test',
      'props', jsonb_build_object(
        'item', jsonb_build_object('reference', 'INC-' || (i / 5 + 1), 'title', 'Backlog incident ' || (i / 5 + 1), 'url', 'http://localhost:3000/incidents/' || (i / 5 + 1)),
        'actorLabel', 'Bench Analyst', 'note', 'Closed in bulk.', 'reason', 'You watch this incident.'),
      'mute', jsonb_build_object('userId', gen_random_uuid(), 'entityType', 'incident', 'entityId', (i / 5 + 1)::text))
    from generate_series(0, ${count - 1}) i`);
  await db.execute(sql`select pg_notify('vigil_outbox', '')`);
}
