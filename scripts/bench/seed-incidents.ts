import type postgres from 'postgres';

// Seeds a realistic incident history fast, in PostgreSQL itself: three years of
// incidents, most of them closed; recent ones spread over the open states; severities,
// owners (a few busy analysts, teams, some unassigned), creators, due dates, response
// targets and titles drawn from what a bank's security team records. Rows are written in
// the order they were opened, as a real table fills (numbers follow creation too): a
// table in random order would make every read in list order a random one.

const TITLES = [
  'Phishing email reported by',
  'Suspicious sign-in for',
  'Malware alert on host',
  'Failed MFA attempts for',
  'DLP match on upload from',
  'Unusual outbound traffic from',
  'Vulnerability scan finding on',
  'Lost laptop of',
  'Privileged access change by',
  'Wire transfer fraud attempt via',
  'Impossible travel alert for',
  'Ransomware indicator on',
];

export async function seedIncidents(
  sql: postgres.Sql,
  count: number,
): Promise<{ users: string[]; teams: string[]; admin: string }> {
  const users = await sql<{ id: string }[]>`
    insert into users (email, name, role, time_zone)
    select 'analyst' || g || '@bench.example', 'Analyst ' || g, 'user', 'America/Chicago' from generate_series(1, 50) g
    returning id`;
  const [admin] = await sql<
    { id: string }[]
  >`insert into users (email, name, role) values ('admin@bench.example', 'Bench Admin', 'admin') returning id`;
  const teams = await sql<{ id: string }[]>`
    insert into teams (name) select t from unnest(array['TRAC', 'Network', 'Fraud', 'Help desk']) t returning id`;
  // Analysts 1-10 are in TRAC, 11-20 in Network.
  await sql`insert into team_members (team_id, user_id)
    select ${teams[0].id}::uuid, id from unnest(${sql.array(users.slice(0, 10).map((u) => u.id))}::uuid[]) id
    union all select ${teams[1].id}::uuid, id from unnest(${sql.array(users.slice(10, 20).map((u) => u.id))}::uuid[]) id`;
  await sql`insert into policies (framework, reference, title)
    select 'FFIEC', 'IS.WP.' || g, 'Policy ' || g from generate_series(1, 10) g`;

  const userIds = sql.array(users.map((u) => u.id));
  const teamIds = sql.array(teams.map((t) => t.id));
  const titles = sql.array(TITLES);
  await sql`
    with base as (
      select g,
        now() - (random() ^ 1.3) * interval '1095 days' as created_at,
        random() as r_state, random() as r_sev, random() as r_owner, random() as r_resp, random() as r_due
      from generate_series(1, ${count}) g
    ), shaped as (
      select b.*,
        case
          when b.created_at > now() - interval '90 days' then
            case when b.r_state < 0.25 then 'triage' when b.r_state < 0.5 then 'analysis' when b.r_state < 0.7 then 'remediation'
                 when b.r_state < 0.85 then 'resolved' else 'closed' end
          else case when b.r_state < 0.03 then 'resolved' else 'closed' end
        end::incident_state as state,
        case when b.r_sev < 0.3 then 'none' when b.r_sev < 0.7 then 'low' when b.r_sev < 0.9 then 'medium' else 'high' end::severity as severity
      from base b
    ), timed as (
      select s.*,
        s.created_at + case s.severity when 'high' then interval '2 hours' when 'medium' then interval '12 hours' else interval '30 hours' end as response_due_at
      from shaped s
    )
    insert into incidents (title, state, severity, owner_user_id, owner_team_id, due_at, description, source,
      response_due_at, responded_at, resolved_at, closed_at, closed_by_id, closing_note, created_by_id, created_at, updated_at)
    select
      (${titles}::text[])[1 + (g % ${TITLES.length})] || ' ' ||
        case when g % 3 = 0 then 'ws-' || lpad((g % 5000)::text, 4, '0') else '10.' || (g % 250) || '.' || (g % 97) || '.' || (g % 211) end,
      t.state, t.severity,
      case when t.r_owner < 0.7 then (${userIds}::uuid[])[1 + floor(50 * (t.r_owner / 0.7) ^ 2)::int] end,
      case when t.r_owner >= 0.7 and t.r_owner < 0.9 then (${teamIds}::uuid[])[1 + floor(4 * (t.r_owner - 0.7) / 0.2)::int] end,
      case when t.r_due < 0.6 then t.created_at + (1 + floor(t.r_due * 50)) * interval '1 day' end,
      'Who: host or address involved. What happened: reported by the monitoring service. When: started ' || to_char(t.created_at, 'YYYY-MM-DD') || '.',
      case when g % 4 = 0 then 'alert' else 'user' end::incident_source,
      t.response_due_at,
      case when t.state = 'triage' and t.r_resp < 0.5 then null
           else t.created_at + (t.response_due_at - t.created_at) * (t.r_resp * 1.2) end,
      case when t.state in ('resolved', 'closed') then t.created_at + interval '3 days' end,
      case when t.state = 'closed' then t.created_at + interval '4 days' end,
      case when t.state = 'closed' then (${userIds}::uuid[])[1 + (g * 11 % 50)] end,
      case when t.state = 'closed' then 'Handled: ' || case g % 3 when 0 then 'false positive, no action.' when 1 then 'blocked at the gateway; "user" informed.' else 'password reset and session revoked.' end end,
      case when g % 10 <> 0 then (${userIds}::uuid[])[1 + (g * 7 % 50)] end,
      t.created_at,
      least(now(), t.created_at + random() * interval '10 days')
    from timed t
    order by t.created_at`;
  await sql`insert into incident_watchers (incident_id, user_id)
    select id, (${userIds}::uuid[])[1 + (number % 50)] from incidents where number % 5 = 0`;
  await sql`insert into incident_policies (incident_id, policy_id)
    select i.id, p.id from incidents i join policies p on p.reference = 'IS.WP.' || (1 + i.number % 10) where i.number % 10 = 0`;
  await sql`insert into incident_links (from_incident_id, to_incident_id, kind)
    select a.id, b.id, 'related' from incidents a join incidents b on b.number = a.number + 1 where a.number % 100 = 0`;
  await sql`vacuum analyze`;
  return { users: users.map((u) => u.id), teams: teams.map((t) => t.id), admin: admin.id };
}
