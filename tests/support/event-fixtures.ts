import { and, asc, gte, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import { getEventStore } from '@/lib/events/store';
import type { NormalizedEvent, TimeRange } from '@/lib/events/types';

// A small fixed set of realistic events, one week of March 2026 (UTC), for tests that search
// them: Windows security auditing (4720, 4722, 4624, 4625, 1102 and the legacy 624/626), the
// DefenseStorm Agent, a firewall, Zeek's DNS log, Windows Search and sshd. Each has a key
// so tests can name what they expect to match.

export const EVENT_FIXTURE_RANGE: TimeRange = {
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-03-08T00:00:00Z'),
};

type Fixture = { key: string; at: string } & Partial<Omit<NormalizedEvent, 'occurredAt'>>;

const SECURITY = 'Microsoft-Windows-Security-Auditing';

const FIXTURES: Fixture[] = [
  {
    key: 'user-created-dc01',
    at: '2026-03-01T08:00:00Z',
    app_name: SECURITY,
    hostname: 'DC01',
    event_id: '4720',
    category: 'User Account Management',
    message: 'A user account was created.',
    user: 'jsmith',
    fields: {
      'winlog.channel': 'Security',
      'winlog.event_data.TargetUserName': 'jdoe',
      'winlog.event_data.SubjectUserName': 'jsmith',
    },
  },
  {
    key: 'user-created-alert',
    at: '2026-03-01T09:30:00Z',
    app_name: SECURITY,
    hostname: 'dc02',
    event_id: '4720',
    category: 'Alert',
    message: 'A user account was created.',
    user: 'svc-backup',
    fields: { 'winlog.channel': 'Security', 'winlog.event_data.TargetUserName': 'temp01' },
  },
  {
    key: 'user-enabled',
    at: '2026-03-01T10:15:00Z',
    app_name: SECURITY,
    hostname: 'srv-app01',
    event_id: '4722',
    category: 'User Account Management',
    message: 'A user account was enabled.',
    user: 'jsmith',
    fields: { 'winlog.channel': 'Security', 'winlog.event_data.TargetUserName': 'jdoe' },
  },
  {
    key: 'legacy-user-created',
    at: '2026-03-01T11:00:00Z',
    app_name: SECURITY,
    hostname: 'SRV-LEGACY',
    event_id: '624',
    category: 'User Account Management',
    message: 'User Account Created: New Account Name: kbrown',
    user: 'administrator',
  },
  {
    key: 'legacy-user-enabled',
    at: '2026-03-01T11:05:00Z',
    app_name: SECURITY,
    hostname: 'SRV-LEGACY',
    event_id: '626',
    category: 'User Account Management',
    message: 'User Account Enabled: Target Account Name: kbrown',
    user: 'administrator',
  },
  {
    key: 'logon-failed-web01',
    at: '2026-03-02T02:10:00Z',
    app_name: SECURITY,
    hostname: 'srv-web01',
    event_id: '4625',
    category: 'Logon',
    message: 'An account failed to log on.',
    source_ip: '203.0.113.9',
    user: 'admin',
    fields: { 'winlog.event_data.LogonType': 3, 'winlog.event_data.IpAddress': '203.0.113.9' },
  },
  {
    key: 'logon-failed-web02',
    at: '2026-03-02T02:10:05Z',
    app_name: SECURITY,
    hostname: 'srv-web02',
    event_id: '4625',
    category: 'Logon',
    message: 'An account failed to log on.',
    source_ip: '203.0.113.9',
    user: 'admin',
    fields: { 'winlog.event_data.LogonType': 3, 'winlog.event_data.IpAddress': '203.0.113.9' },
  },
  {
    key: 'logon-failed-db01',
    at: '2026-03-02T02:11:00Z',
    app_name: SECURITY,
    hostname: 'SRV-DB01',
    event_id: '4625',
    category: 'Logon',
    message: 'An account failed to log on.',
    source_ip: '198.51.100.23',
    user: 'sa',
    fields: { 'winlog.event_data.LogonType': 10, 'winlog.event_data.IpAddress': '198.51.100.23' },
  },
  {
    key: 'logon-failed-workstation',
    at: '2026-03-02T07:45:00Z',
    app_name: SECURITY,
    hostname: 'ws-0042',
    event_id: '4625',
    category: 'Logon',
    message: 'An account failed to log on.',
    source_ip: '10.20.30.40',
    user: 'mlopez',
    fields: { 'winlog.event_data.LogonType': 2 },
  },
  {
    key: 'logon-web01',
    at: '2026-03-02T08:00:00Z',
    app_name: SECURITY,
    hostname: 'srv-web01',
    event_id: '4624',
    category: 'Logon',
    message: 'An account was successfully logged on.',
    source_ip: '10.20.30.41',
    user: 'mlopez',
    fields: { 'winlog.event_data.LogonType': 10 },
  },
  {
    key: 'logon-workstation',
    at: '2026-03-02T08:01:00Z',
    app_name: SECURITY,
    hostname: 'ws-0042',
    event_id: '4624',
    category: 'Logon',
    message: 'An account was successfully logged on.',
    user: 'mlopez',
    fields: { 'winlog.event_data.LogonType': 2 },
  },
  {
    key: 'audit-log-cleared',
    at: '2026-03-03T23:59:59Z',
    app_name: SECURITY,
    hostname: 'DC01',
    event_id: '1102',
    category: 'Log clear',
    message: 'The audit log was cleared.',
    user: 'administrator',
    fields: { 'winlog.channel': 'Security' },
  },
  {
    key: 'heartbeat-web01',
    at: '2026-03-03T00:00:00Z',
    app_name: 'DefenseStorm Agent',
    hostname: 'srv-web01',
    category: 'heartbeat',
    message: 'Agent heartbeat: all collectors running',
    fields: { 'agent.version': '4.12.1' },
  },
  {
    key: 'heartbeat-db01',
    at: '2026-03-03T00:00:30Z',
    app_name: 'DefenseStorm Agent',
    hostname: 'SRV-DB01',
    category: 'heartbeat',
    message: 'Agent heartbeat: all collectors running',
    fields: { 'agent.version': '4.11.0' },
  },
  {
    key: 'agent-user-created-alert',
    at: '2026-03-03T06:00:00Z',
    app_name: 'DefenseStorm Agent',
    hostname: 'dc02',
    event_id: '4720',
    category: 'alert',
    message: 'Agent alert: local account created outside change window',
  },
  {
    key: 'agent-user-enabled',
    at: '2026-03-03T06:05:00Z',
    app_name: 'DefenseStorm Agent',
    hostname: 'dc02',
    event_id: '4722',
    category: 'agent',
    message: 'Agent observed: local account enabled',
  },
  {
    key: 'firewall-deny-cn',
    at: '2026-03-04T12:00:00Z',
    app_name: 'firewall',
    hostname: 'fw01',
    category: 'traffic',
    message: 'Deny tcp src outside:192.168.1.20/51514 dst inside:10.0.0.5/443',
    source_ip: '192.168.1.20',
    dest_ip: '10.0.0.5',
    fields: {
      action: 'deny',
      dest_port: 443,
      'geo_dest.country': 'CN',
      'geo_dest.city': 'Beijing',
    },
  },
  {
    key: 'firewall-allow-us',
    at: '2026-03-04T12:00:10Z',
    app_name: 'firewall',
    hostname: 'fw01',
    category: 'traffic',
    message: 'Allow udp src inside:10.0.0.7/53000 dst outside:8.8.8.8/53',
    source_ip: '10.0.0.7',
    dest_ip: '8.8.8.8',
    fields: { action: 'allow', dest_port: 53, 'geo_dest.country': 'US' },
  },
  {
    key: 'firewall-loopback',
    at: '2026-03-04T12:01:00Z',
    app_name: 'firewall',
    hostname: 'fw01',
    category: 'traffic',
    message: 'Allow tcp src inside:127.0.0.1/40000 dst inside:127.0.0.1/8080',
    source_ip: '127.0.0.1',
    dest_ip: '127.0.0.1',
    fields: { action: 'allow', dest_port: 8080 },
  },
  {
    key: 'firewall-deny-de',
    at: '2026-03-04T13:00:00Z',
    app_name: 'firewall',
    hostname: 'fw02',
    category: 'traffic',
    message: 'Deny tcp src outside:198.51.100.23/61000 dst inside:10.0.0.9/3389',
    source_ip: '198.51.100.23',
    dest_ip: '10.0.0.9',
    fields: { action: 'deny', dest_port: 3389, 'geo_dest.country': 'DE' },
  },
  {
    key: 'dns-wpad',
    at: '2026-03-05T09:00:00Z',
    app_name: 'bro_dns',
    hostname: 'zeek01',
    category: 'dns',
    message: 'query wpad.corp.example A NXDOMAIN',
    source_ip: '10.0.0.7',
    dest_ip: '10.0.0.2',
    fields: { query: 'wpad.corp.example', qtype_name: 'A', rcode_name: 'NXDOMAIN' },
  },
  {
    key: 'dns-update',
    at: '2026-03-05T09:00:01Z',
    app_name: 'bro_dns',
    hostname: 'zeek01',
    category: 'dns',
    message: 'query update.microsoft.com A NOERROR',
    source_ip: '10.0.0.8',
    dest_ip: '10.0.0.2',
    fields: { query: 'update.microsoft.com', qtype_name: 'A', rcode_name: 'NOERROR' },
  },
  {
    key: 'wifi-controller',
    at: '2026-03-05T14:00:00Z',
    app_name: 'wlc',
    hostname: 'wlc01',
    category: 'network',
    message: 'Office wi controller restarted',
  },
  {
    key: 'guest-fi',
    at: '2026-03-05T14:30:00Z',
    app_name: 'wlc',
    hostname: 'wlc01',
    category: 'network',
    message: 'Guest FI portal reachable again',
  },
  {
    key: 'search-started',
    at: '2026-03-06T07:00:00Z',
    app_name: 'microsoft-windows-search',
    hostname: 'ws-0042',
    event_id: '1003',
    category: 'Service',
    message: 'The Windows Search Service started.',
  },
  {
    key: 'sshd-failed',
    at: '2026-03-06T22:15:00Z',
    app_name: 'sshd',
    hostname: 'srv-bastion',
    category: 'auth',
    message: 'Failed password for invalid user admin from 203.0.113.9 port 22 ssh2',
    source_ip: '203.0.113.9',
    user: 'admin',
    fields: { 'syslog.facility': 'auth', 'syslog.severity': 'warning', pid: 4242 },
  },
  {
    key: 'quote-in-message',
    at: '2026-03-07T10:00:00Z',
    app_name: 'webapp',
    hostname: 'srv-app01',
    category: 'request',
    message: "GET /search?q=%27%29 returned 400: it's a bad request",
    source_ip: '192.0.2.55',
    fields: { 'http.status': 400, 'http.path': '/search' },
  },
];

/** Every fixture's key. */
export const EVENT_FIXTURE_KEYS = FIXTURES.map((f) => f.key);

export function eventFixtures(): NormalizedEvent[] {
  return FIXTURES.map((f) => ({
    occurredAt: new Date(f.at),
    source: f.source ?? 'api',
    app_name: f.app_name ?? null,
    hostname: f.hostname ?? null,
    event_id: f.event_id ?? null,
    category: f.category ?? null,
    message: f.message ?? null,
    source_ip: f.source_ip ?? null,
    dest_ip: f.dest_ip ?? null,
    user: f.user ?? null,
    fields: f.fields ?? {},
  }));
}

export type InsertedEventFixtures = {
  range: TimeRange;
  /** Fixture key → the stored event's id. */
  ids: Record<string, string>;
  /** Stored id → fixture key. */
  keyOf: (id: string) => string;
};

/**
 * Inserts the fixture set through the store (the way ingest does) into a database whose
 * events table holds nothing else in EVENT_FIXTURE_RANGE.
 */
export async function insertEventFixtures(db: Db): Promise<InsertedEventFixtures> {
  const batch = eventFixtures();
  await getEventStore(db).insert(batch);
  const rows = await db
    .select({ id: events.id, occurredAt: events.occurredAt })
    .from(events)
    .where(
      and(
        gte(events.occurredAt, EVENT_FIXTURE_RANGE.from),
        lt(events.occurredAt, EVENT_FIXTURE_RANGE.to),
      ),
    )
    .orderBy(asc(events.id));
  if (rows.length !== batch.length)
    throw new Error(`expected ${batch.length} fixture events, found ${rows.length}`);
  const ids: Record<string, string> = {};
  const keys = new Map<string, string>();
  // Fixture times are distinct, so each row is found by its time whatever order ids came in.
  for (const fixture of FIXTURES) {
    const row = rows.find((r) => r.occurredAt.getTime() === new Date(fixture.at).getTime());
    if (!row) throw new Error(`fixture ${fixture.key} was not stored`);
    ids[fixture.key] = row.id.toString();
    keys.set(row.id.toString(), fixture.key);
  }
  return {
    range: EVENT_FIXTURE_RANGE,
    ids,
    keyOf: (id) => keys.get(id) ?? `unknown:${id}`,
  };
}
