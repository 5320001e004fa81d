import type postgres from 'postgres';

// Seeds a realistic task history fast, in PostgreSQL itself: three years of tasks, most of
// them closed (a few late, a few marked invalid), recent ones open and some of those overdue;
// owners drawn from the incident seed's people (a few busy analysts, teams, some unassigned).
// About one task in ten comes from one of a few weekly schedules whose ledger
// (schedule_periods) holds every week since they started, a few weeks recorded as missed:
// the dashboard's on-time rate and the compliance report read those.

const TITLES = [
  'Review firewall rule changes',
  'Quarterly user access review',
  'Verify backup restore test',
  'Review privileged account activity',
  'Patch compliance check',
  'Vendor risk questionnaire follow-up',
  'Review DLP exceptions',
  'Confirm terminated users disabled',
  'Review wire transfer alerts',
  'Update incident response contacts',
];
const SCHEDULE_NAMES = [
  'Weekly log review',
  'Weekly privileged access review',
  'Weekly failed sign-in review',
  'Weekly firewall change review',
  'Weekly antivirus status review',
];
const WEEKS = 156;

export async function seedTasks(
  sql: postgres.Sql,
  count: number,
  people: { users: string[]; teams: string[]; admin: string },
): Promise<void> {
  const userIds = sql.array(people.users);
  const teamIds = sql.array(people.teams);
  const users = people.users.length;
  const teams = people.teams.length;
  // Weekly schedules, each owning WEEKS tasks or misses; at most a tenth of the tasks.
  const scheduleCount = Math.min(Math.floor(count / (10 * WEEKS)), 4 * SCHEDULE_NAMES.length);
  const adHoc = count - Math.round(scheduleCount * WEEKS * 0.97);

  await sql`
    with base as (
      select g,
        now() - (random() ^ 1.3) * interval '1095 days' as created_at,
        random() as r_state, random() as r_owner, random() as r_due, random() as r_close
      from generate_series(1, ${adHoc}) g
    ), dated as (
      select b.*,
        case when b.r_due < 0.85 then b.created_at + (1 + floor(b.r_due * 35)) * interval '1 day' end as due_at
      from base b
    ), shaped as (
      select d.*,
        case
          when coalesce(d.due_at, d.created_at + interval '14 days') > now() - interval '21 days' then
            case when d.r_state < 0.55 then 'open' when d.r_state < 0.97 then 'closed' else 'invalid' end
          else case when d.r_state < 0.015 then 'open' when d.r_state < 0.97 then 'closed' else 'invalid' end
        end::task_state as state
      from dated d
    )
    insert into tasks (title, state, owner_user_id, owner_team_id, due_at, description, findings,
      invalid_reason, closed_at, tags, created_by_id, created_at, updated_at)
    select
      (${sql.array(TITLES)}::text[])[1 + (g % ${TITLES.length})] || ' ' || (g % 97 + 1),
      s.state,
      case when s.r_owner < 0.7 then (${userIds}::uuid[])[1 + floor(${users} * (s.r_owner / 0.7) ^ 2)::int] end,
      case when s.r_owner >= 0.7 and s.r_owner < 0.9 then (${teamIds}::uuid[])[1 + floor(${teams} * (s.r_owner - 0.7) / 0.2)::int] end,
      s.due_at,
      'Follow the procedure in the runbook and record what was found.',
      case when s.state = 'closed' then 'Reviewed; nothing unusual.' end,
      case when s.state = 'invalid' then 'Raised twice; handled in the other task.' end,
      case when s.state <> 'open' then
        least(now(), s.created_at + coalesce(s.due_at - s.created_at, interval '7 days') * (0.2 + s.r_close))
      end,
      case when g % 7 = 0 then array['pci'] when g % 11 = 0 then array['sox', 'access'] else '{}' end,
      (${userIds}::uuid[])[1 + (g * 7 % ${users})],
      s.created_at,
      greatest(s.created_at, least(now(), s.created_at + random() * interval '10 days'))
    from shaped s`;

  if (scheduleCount === 0) return;
  // Mondays 09:00 in Chicago, from WEEKS weeks ago; the first Monday is the rule's start.
  const [{ start }] = await sql<{ start: string }[]>`
    select to_char(date_trunc('week', (now() at time zone 'America/Chicago')::date - ${WEEKS * 7}::int)::date, 'YYYY-MM-DD') as start`;
  const compact = start.replaceAll('-', '');
  const schedules = await sql<{ id: string }[]>`
    insert into task_schedules (name, owner_user_id, owner_team_id, description, pattern, time_of_day,
      time_zone, start_date, rrule, due_in_days, tags, group_name, active, activated_at,
      rule_effective_at, accounted_through, created_by_id, created_at)
    select
      (${sql.array(SCHEDULE_NAMES)}::text[])[1 + (g % ${SCHEDULE_NAMES.length})] || ' ' || (1 + g / ${SCHEDULE_NAMES.length}),
      case when g % 3 <> 2 then (${userIds}::uuid[])[1 + (g * 3 % ${users})] end,
      case when g % 3 = 2 then (${teamIds}::uuid[])[1 + (g % ${teams})] end,
      'Review the week''s records and write what was found.',
      '{"kind":"weekly","interval":1,"weekdays":["MO"]}'::jsonb, '09:00', 'America/Chicago',
      ${start}::date, ${`DTSTART;TZID=America/Chicago:${compact}T090000\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO`},
      3, array['bench'], 'Bench', true, ${start}::date, ${start}::date, now(), ${people.admin}::uuid,
      ${start}::date
    from generate_series(0, ${scheduleCount - 1}) g
    returning id`;
  // Every past Monday of every schedule: 3 % missed, the rest a task (recent ones open).
  await sql`
    with weeks as (
      select s.id as schedule_id, s.owner_user_id, s.owner_team_id, w,
        ((${start}::date + w * 7) + time '09:00') at time zone 'America/Chicago' as occurrence_at,
        'week:' || to_char(${start}::date + w * 7, 'YYYY-MM-DD') as period_key,
        random() as r_outcome, random() as r_close
      from task_schedules s
      cross join generate_series(0, ${WEEKS}) w
      where s.id = any(${sql.array(schedules.map((s) => s.id))}::uuid[])
    ), due as (
      select * from weeks where occurrence_at <= now()
    ), shaped as (
      select d.*,
        case when d.occurrence_at + interval '3 days' > now() and d.r_close < 0.6 then 'open'
             when d.occurrence_at + interval '3 days' <= now() and d.r_close < 0.01 then 'open'
             when d.r_close > 0.98 then 'invalid' else 'closed' end::task_state as state
      from due d where d.r_outcome >= 0.03
    ), made as (
      insert into tasks (title, state, owner_user_id, owner_team_id, due_at, description, findings,
        invalid_reason, closed_at, schedule_id, occurrence_at, period_key, tags, created_at, updated_at)
      select 'Weekly review for ' || to_char(d.occurrence_at at time zone 'America/Chicago', 'YYYY-MM-DD'),
        d.state, d.owner_user_id, d.owner_team_id, d.occurrence_at + interval '3 days',
        'Review the week''s records and write what was found.',
        case when d.state = 'closed' then 'Reviewed; nothing unusual.' end,
        case when d.state = 'invalid' then 'Holiday week; covered by the next review.' end,
        case when d.state <> 'open' then least(now(), d.occurrence_at + interval '3 days' * (0.1 + d.r_close)) end,
        d.schedule_id, d.occurrence_at, d.period_key, array['bench'], d.occurrence_at, d.occurrence_at
      from shaped d
      returning id, schedule_id, period_key, occurrence_at
    )
    insert into schedule_periods (schedule_id, period_key, occurrence_at, outcome, task_id, reason, recorded_at)
    select schedule_id, period_key, occurrence_at, 'task'::period_outcome, id, '', occurrence_at from made
    union all
    select schedule_id, period_key, occurrence_at, 'missed'::period_outcome, null, 'The worker was down for the whole period.',
      occurrence_at + interval '1 day'
    from due where r_outcome < 0.03`;
  await sql`update task_schedules s set next_occurrence_at = (
      select max(occurrence_at) + interval '7 days' from schedule_periods p where p.schedule_id = s.id)
    where s.id = any(${sql.array(schedules.map((s) => s.id))}::uuid[])`;
}
