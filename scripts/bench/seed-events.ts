import type postgres from 'postgres';

// A store of log events, built in PostgreSQL itself (generate_series) so ten million take
// minutes, not hours: Windows security auditing from 400 servers and 2,000 workstations
// (logons, failures, account changes, the audit log cleared), a firewall's denies and
// permits over syslog, and the DefenseStorm agent's heartbeats, spread evenly over `days`
// UTC days ending today. Indexes are dropped for the load and built again after it (the
// same definitions, read from the catalog), then VACUUM ANALYZE: the table ingest then
// writes into is the one a year of real ingest would have left.

// Windows security events in the proportions a domain produces them: logons and process
// creation by the million, failures by the thousand, account changes and a cleared audit log
// a handful a day (so the seed's example query matches what a monthly review would see).
// [event id, share in 10,000]
const WINDOWS_MIX: [string, number][] = [
  ['4624', 4000],
  ['4634', 2500],
  ['4672', 1300],
  ['4688', 1200],
  ['4625', 700],
  ['4769', 290],
  ['4720', 2],
  ['4722', 1],
  ['4726', 1],
  ['4732', 2],
  ['1102', 1],
  ['624', 1],
  ['626', 1],
];
const WINDOWS_MESSAGES: Record<string, string> = {
  '4624': 'An account was successfully logged on.',
  '4769': 'A Kerberos service ticket was requested.',
  '4634': 'An account was logged off.',
  '4625': 'An account failed to log on.',
  '4672': 'Special privileges assigned to new logon.',
  '4688': 'A new process has been created.',
  '4720': 'A user account was created.',
  '4722': 'A user account was enabled.',
  '4726': 'A user account was deleted.',
  '4732': 'A member was added to a security-enabled local group.',
  '1102': 'The audit log was cleared.',
  '624': 'User Account Created.',
  '626': 'User Account Enabled.',
};

export async function seedEvents(
  sql: postgres.Sql,
  options: { count: number; days: number; now: Date; log: (line: string) => void },
): Promise<void> {
  const { count, days, now } = options;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // Every index but the primary key's (a constraint's, kept).
  const indexes = await sql<{ name: string; definition: string }[]>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = 'events'::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`;
  for (const index of indexes) await sql.unsafe(`drop index if exists "${index.name}"`);

  // wid = the first id whose cumulative share exceeds (g * 7919) % 10000.
  const ids = WINDOWS_MIX.map(([id]) => id);
  const bounds = WINDOWS_MIX.map((_, i) =>
    WINDOWS_MIX.slice(0, i + 1).reduce((sum, [, share]) => sum + share, 0),
  ).slice(0, -1);
  const perDay = Math.ceil(count / days);
  let written = 0;
  for (let d = days - 1; d >= 0 && written < count; d--) {
    const dayStart = new Date(today - d * 86_400_000);
    const rows = Math.min(perDay, count - written);
    await sql`select events_ensure_partition(${dayStart.toISOString().slice(0, 10)}::date)`;
    await sql`
      insert into events (occurred_at, received_at, source, app_name, hostname, event_id, category,
                          message, source_ip, dest_ip, "user", fields)
      select t, t + interval '2 seconds', 'bulk'::event_source,
        case k when 'win' then 'Microsoft-Windows-Security-Auditing' when 'fw' then 'asa' else 'DefenseStorm Agent' end,
        case k when 'fw' then 'fw0' || (g % 3)
               when 'win' then case when g % 5 < 2 then 'srv' || lpad((g % 400)::text, 3, '0')
                                    else 'ws' || lpad((g % 2000)::text, 4, '0') end
               else 'ws' || lpad((g % 2000)::text, 4, '0') end,
        case k when 'win' then wid when 'fw' then case when g % 4 = 0 then '106100' else '106023' end else 'heartbeat' end,
        case k when 'win' then 'security' when 'fw' then 'network' else case when g % 97 = 0 then 'alert' else 'health' end end,
        case k when 'win' then (${JSON.stringify(WINDOWS_MESSAGES)}::jsonb ->> wid)
               when 'fw' then 'Deny tcp src outside:203.0.' || (g % 256) || '.' || (g % 199) || '/' || (1024 + g % 60000)
                              || ' dst inside:10.20.' || (g % 50) || '.' || (g % 250) || '/' || (array[22, 443, 3389, 445])[1 + g % 4]
               else 'Agent heartbeat' end,
        case when k = 'fw' or (k = 'win' and wid = '4625') then '203.0.' || (g % 256) || '.' || (g % 199) end,
        case when k = 'fw' then '10.20.' || (g % 50) || '.' || (g % 250) end,
        case when k = 'win' then 'user' || (g % 5000) end,
        case k
          when 'win' then jsonb_build_object('winlog.channel', 'Security', 'winlog.record_id', g,
                           'winlog.event_data.LogonType', (g % 11)::text, 'winlog.event_data.TargetDomainName', 'CORP',
                           'agent.version', '8.17.0', 'event.action', 'logged-in')
          when 'fw' then jsonb_build_object('syslog.facility', 'local4', 'syslog.severity', 'warning',
                           'source.port', 1024 + g % 60000, 'destination.port', (array[22, 443, 3389, 445])[1 + g % 4],
                           'geo_dest.country', (array['US', 'NL', 'DE', 'CN', 'BR'])[1 + g % 5])
          else jsonb_build_object('agent.version', '4.2.1', 'agent.status', 'running')
        end
      from (
        select g,
          ${dayStart.toISOString()}::timestamptz + (g::float8 / ${rows}) * interval '1 day' as t,
          case when g % 10 < 6 then 'win' when g % 10 < 9 then 'fw' else 'hb' end as k,
          (${ids}::text[])[(select count(*) from unnest(${bounds}::int[]) b where b <= (g::bigint * 7919) % 10000) + 1] as wid
        from generate_series(0, ${rows - 1}) g
      ) s`;
    written += rows;
    options.log(
      `  ${dayStart.toISOString().slice(0, 10)}: ${written.toLocaleString('en-US')} events`,
    );
  }
  options.log('  building the indexes again');
  // pg_get_indexdef says "ON ONLY events" for a partitioned table's index: built that way it
  // would cover no partition. Built on `events` itself, it is built on every partition.
  for (const index of indexes) await sql.unsafe(index.definition.replace(/ ON ONLY /i, ' ON '));
  await sql`vacuum analyze events`;
}
