import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { eventFieldNames, events } from '@/db/schema';
import { checkEventQueryFields } from '@/lib/events/query/check';
import { parseEventQuery } from '@/lib/events/query/parse';
import { getEventStore } from '@/lib/events/store';
import {
  EVENT_FIXTURE_KEYS,
  insertEventFixtures,
  type InsertedEventFixtures,
} from '../support/event-fixtures';
import { setUpTestDatabase } from '../support/test-database-hooks';

// Every construct of the query language, run through the PostgreSQL store against the fixed
// event set and compared with the events it must match.

const SEED_EXAMPLE =
  'app_name:("microsoft-windows-security-auditing" OR "DefenseStorm Agent") AND (event_id:4720 OR event_id:624 OR event_id:4722 OR event_id:626) AND NOT category:("alert")';

let fixtures: InsertedEventFixtures;
const test = setUpTestDatabase(async ({ db }) => {
  fixtures = await insertEventFixtures(db);
});

async function matches(query: string): Promise<string[]> {
  const result = await getEventStore(test.db).search({
    query: parseEventQuery(query),
    range: fixtures.range,
    limit: 1000,
  });
  expect(result.count).toBe(result.data.length);
  return result.data.map((e) => fixtures.keyOf(e.id)).sort();
}

const all = [...EVENT_FIXTURE_KEYS].sort();
const except = (...keys: string[]) => all.filter((k) => !keys.includes(k));

const SECURITY_EVENTS = [
  'user-created-dc01',
  'user-created-alert',
  'user-enabled',
  'legacy-user-created',
  'legacy-user-enabled',
  'logon-failed-web01',
  'logon-failed-web02',
  'logon-failed-db01',
  'logon-failed-workstation',
  'logon-web01',
  'logon-workstation',
  'audit-log-cleared',
];
const FAILED_LOGONS = [
  'logon-failed-web01',
  'logon-failed-web02',
  'logon-failed-db01',
  'logon-failed-workstation',
];

const CASES: [construct: string, query: string, expected: string[]][] = [
  [
    'the seed example',
    SEED_EXAMPLE,
    [
      'user-created-dc01',
      'user-enabled',
      'legacy-user-created',
      'legacy-user-enabled',
      'agent-user-enabled',
    ],
  ],
  [
    'the benchmark query',
    'event_id:4625 AND hostname:srv*',
    ['logon-failed-web01', 'logon-failed-web02', 'logon-failed-db01'],
  ],
  ['the empty query', '', all],
  ['terms separated by a space are OR', 'wi fi', ['wifi-controller', 'guest-fi']],
  ['a bare term is a word of the message, not part of one', 'windows', ['search-started']],
  [
    'a bare phrase, case-insensitive',
    '"a USER account"',
    ['user-created-dc01', 'user-created-alert', 'user-enabled'],
  ],
  ['a bare term matches a whole keyword value', '127.0.0.1', ['firewall-loopback']],
  ['a bare term matches a value in fields', 'NXDOMAIN', ['dns-wpad']],
  ['a token with an underscore', 'bro_dns', ['dns-wpad', 'dns-update']],
  ['a token with hyphens', 'microsoft-windows-search', ['search-started']],
  [
    'field:value, case-insensitive',
    'app_name:microsoft-windows-security-auditing',
    SECURITY_EVENTS,
  ],
  ['a space after the colon', 'geo_dest.country: de', ['firewall-deny-de']],
  ['a dotted field name', 'geo_dest.country:US', ['firewall-allow-us']],
  [
    'a quoted keyword value',
    'app_name:"defensestorm agent"',
    ['heartbeat-web01', 'heartbeat-db01', 'agent-user-created-alert', 'agent-user-enabled'],
  ],
  ['a field group', 'geo_dest.country:(us OR cn)', ['firewall-allow-us', 'firewall-deny-cn']],
  [
    'a field group with implicit OR',
    'event_id:(1102 1003)',
    ['audit-log-cleared', 'search-started'],
  ],
  ['a phrase in the message', 'message:"failed to log on"', FAILED_LOGONS],
  ['a word wildcard in the message', 'message:fail*', [...FAILED_LOGONS, 'sshd-failed']],
  [
    'a ? wildcard over a keyword',
    'hostname:srv-web0?',
    ['logon-failed-web01', 'logon-failed-web02', 'logon-web01', 'heartbeat-web01'],
  ],
  ['a * wildcard over a keyword', 'user:j*', ['user-created-dc01', 'user-enabled']],
  [
    'AND with NOT',
    'user:admin AND NOT app_name:sshd',
    ['logon-failed-web01', 'logon-failed-web02'],
  ],
  [
    'AND binds tighter than OR',
    'category:heartbeat AND hostname:srv-web01 OR event_id:1102',
    ['heartbeat-web01', 'audit-log-cleared'],
  ],
  [
    'parentheses',
    'category:heartbeat AND (hostname:srv-web01 OR event_id:1102)',
    ['heartbeat-web01'],
  ],
  [
    'NOT keeps events without the field',
    'NOT event_id:4625 AND app_name:"DefenseStorm Agent"',
    ['heartbeat-web01', 'heartbeat-db01', 'agent-user-created-alert', 'agent-user-enabled'],
  ],
  [
    'a minus prefix',
    'app_name:"DefenseStorm Agent" -category:heartbeat',
    ['agent-user-created-alert', 'agent-user-enabled'],
  ],
  [
    'NOT on its own',
    'NOT app_name:firewall',
    except('firewall-deny-cn', 'firewall-allow-us', 'firewall-loopback', 'firewall-deny-de'),
  ],
  ['exists', 'geo_dest.country:*', ['firewall-deny-cn', 'firewall-allow-us', 'firewall-deny-de']],
  ['NOT exists', 'app_name:firewall AND NOT geo_dest.country:*', ['firewall-loopback']],
  [
    'a numeric range open above',
    'dest_port:[100 TO *]',
    ['firewall-deny-cn', 'firewall-loopback', 'firewall-deny-de'],
  ],
  [
    'an exclusive lower bound, inclusive upper',
    'dest_port:{443 TO 8080]',
    ['firewall-loopback', 'firewall-deny-de'],
  ],
  ['>=', 'dest_port:>=3389', ['firewall-loopback', 'firewall-deny-de']],
  ['<', 'dest_port:<100', ['firewall-allow-us']],
  [
    'a numeric range on a column',
    'event_id:[4720 TO 4722]',
    [
      'user-created-dc01',
      'user-created-alert',
      'user-enabled',
      'agent-user-created-alert',
      'agent-user-enabled',
    ],
  ],
  [
    'a text range',
    'hostname:[dc01 TO dc02]',
    [
      'user-created-dc01',
      'audit-log-cleared',
      'user-created-alert',
      'agent-user-created-alert',
      'agent-user-enabled',
    ],
  ],
  [
    'a number stored in fields',
    'winlog.event_data.LogonType:10',
    ['logon-failed-db01', 'logon-web01'],
  ],
  [
    'a timestamp range of whole days',
    'timestamp:[2026-03-05 TO 2026-03-05]',
    ['dns-wpad', 'dns-update', 'wifi-controller', 'guest-fi'],
  ],
  ['a timestamp comparison', 'timestamp:>=2026-03-07', ['quote-in-message']],
  ['a field with no values matches nothing', 'nosuchfield:admin', []],
  ['a field with no values does not exist', 'nosuchfield:*', []],
  ['a bare phrase with a quote in it', '"it\'s a bad request"', ['quote-in-message']],
];

describe('the query language against the fixed event set', () => {
  it.each(CASES)('%s: %s', async (_construct, query, expected) => {
    expect(await matches(query)).toEqual([...expected].sort());
  });
});

describe('hostile queries are only queries', () => {
  const HOSTILE = [
    "a:'); drop table events; --",
    'message:"\'; drop table events; --"',
    "app_name:\"x' or '1'='1\"",
    "a\\'b:c",
    'hostname:*\\\\%_*',
    'geo_dest.country:"US\') or true --"',
  ];
  it.each(HOSTILE)('%s matches nothing and changes nothing', async (query) => {
    expect(await matches(query)).toEqual([]);
    const [{ n }] = await test.db.select({ n: sql<number>`count(*)::int` }).from(events);
    expect(n).toBe(EVENT_FIXTURE_KEYS.length);
  });
});

describe('checking a saved query', () => {
  it('warns about a field no event has ever had, not about common or seen fields', async () => {
    await test.db.insert(eventFieldNames).values([{ name: 'winlog.channel' }]);
    const checked = await checkEventQueryFields(
      test.db,
      'winlog.channel:Security AND hostname:dc01 AND timestamp:>=2026-03-01 AND NOT winlog.chanel:*',
    );
    expect(checked).toMatchObject({ ok: true });
    expect(checked.ok && checked.warnings).toEqual([expect.stringContaining('"winlog.chanel"')]);
    expect(await checkEventQueryFields(test.db, 'app_name:(a OR b')).toMatchObject({
      ok: false,
      position: 16,
      expected: ['a closing parenthesis'],
    });
  });
});
