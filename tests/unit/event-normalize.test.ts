import { describe, expect, it } from 'vitest';
import { EVENT_LIMITS, normalizeEvent, type NormalizeResult } from '@/lib/events/normalize';
import { copyLine, copyText } from '@/lib/events/postgres/copy-text';

const now = new Date('2026-03-15T12:00:00Z');
const at = '2026-03-15T10:00:00Z';

function accepted(raw: unknown) {
  const result = normalizeEvent(raw, 'api', { now });
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.event;
}
function reason(raw: unknown): string {
  const result: NormalizeResult = normalizeEvent(raw, 'api', { now });
  if (result.ok) throw new Error('expected the event to be refused');
  return result.reason;
}

// What Winlogbeat 8 sends for a 4720 "a user account was created".
const winlogbeat = {
  '@timestamp': '2026-03-15T09:12:44.512Z',
  agent: { hostname: 'DC01', type: 'winlogbeat', version: '8.17.0' },
  host: { name: 'dc01.corp.example', hostname: 'DC01' },
  event: {
    code: '4720',
    category: ['iam'],
    action: 'added-user-account',
    provider: 'Microsoft-Windows-Security-Auditing',
  },
  message: 'A user account was created.',
  winlog: {
    event_id: 4720,
    provider_name: 'Microsoft-Windows-Security-Auditing',
    channel: 'Security',
    computer_name: 'DC01.corp.example',
    event_data: { TargetUserName: 'jdoe', SubjectUserName: 'admin.kim', IpAddress: '-' },
  },
  user: { name: 'admin.kim' },
};

describe('normalising events', () => {
  it('maps Winlogbeat and Elastic Common Schema fields onto the common ones and keeps the rest', () => {
    const event = accepted(winlogbeat);
    expect(event.occurredAt.toISOString()).toBe('2026-03-15T09:12:44.512Z');
    expect({
      app_name: event.app_name,
      hostname: event.hostname,
      event_id: event.event_id,
      category: event.category,
      message: event.message,
      user: event.user,
      source_ip: event.source_ip,
      dest_ip: event.dest_ip,
    }).toEqual({
      app_name: 'Microsoft-Windows-Security-Auditing',
      hostname: 'dc01.corp.example',
      event_id: '4720',
      category: 'iam',
      message: 'A user account was created.',
      user: 'admin.kim',
      source_ip: '-',
      dest_ip: null,
    });
    // The mapped value leaves `fields`; the candidates that lost stay.
    expect(event.fields['winlog.provider_name']).toBeUndefined();
    expect(event.fields['event.provider']).toBe('Microsoft-Windows-Security-Auditing');
    expect(event.fields['host.name']).toBeUndefined();
    expect(event.fields['host.hostname']).toBe('DC01');
    expect(event.fields['winlog.event_id']).toBeUndefined();
    expect(event.fields['event.code']).toBe('4720');
    expect(event.fields['winlog.event_data.TargetUserName']).toBe('jdoe');
    expect(event.fields['agent.version']).toBe('8.17.0');
    expect(event.fields['@timestamp']).toBeUndefined();
  });

  it('lets an explicit common field beat a mapped one', () => {
    const event = accepted({ ...winlogbeat, hostname: 'explicit-host', event_id: 624 });
    expect(event.hostname).toBe('explicit-host');
    expect(event.event_id).toBe('624');
    expect(event.fields['host.name']).toBe('dc01.corp.example');
    expect(event.fields['winlog.event_id']).toBe(4720);
  });

  it('maps the syslog receiver’s headers', () => {
    const event = accepted({
      '@timestamp': '2026-03-15T10:00:00.123456+01:00',
      message: 'Deny tcp src outside:203.0.113.9/51515 dst inside:10.0.0.5/22',
      'syslog.app_name': 'asa',
      'syslog.hostname': 'fw01',
      'syslog.msgid': '106023',
      'syslog.facility': 'local4',
      'syslog.severity': 'warning',
      'syslog.peer_ip': '10.0.0.1',
    });
    expect(event.occurredAt.toISOString()).toBe('2026-03-15T09:00:00.123Z');
    expect([event.app_name, event.hostname, event.event_id]).toEqual(['asa', 'fw01', '106023']);
    expect(event.fields).toEqual({
      'syslog.facility': 'local4',
      'syslog.severity': 'warning',
      'syslog.peer_ip': '10.0.0.1',
    });
  });

  it('keeps an ECS array of several categories whole, with the first in the column', () => {
    const event = accepted({ '@timestamp': at, event: { category: ['authentication', 'iam'] } });
    expect(event.category).toBe('authentication');
    expect(event.fields['event.category']).toEqual(['authentication', 'iam']);
  });

  it('takes a string `host` (Logstash) and ECS addresses', () => {
    const event = accepted({
      '@timestamp': at,
      host: 'web-3',
      source: { ip: '198.51.100.7', port: 443 },
      destination: { ip: '10.1.2.3' },
    });
    expect([event.hostname, event.source_ip, event.dest_ip]).toEqual([
      'web-3',
      '198.51.100.7',
      '10.1.2.3',
    ]);
    expect(event.fields['source.port']).toBe(443);
  });

  it('reads ISO 8601 with an offset and epoch milliseconds, and names the key it used', () => {
    expect(accepted({ timestamp: 1773568800000 }).occurredAt.toISOString()).toBe(
      '2026-03-15T10:00:00.000Z',
    );
    expect(accepted({ time: '1773568800000' }).occurredAt.toISOString()).toBe(
      '2026-03-15T10:00:00.000Z',
    );
    expect(accepted({ '@timestamp': '2026-03-15T11:00:00+0100' }).occurredAt.toISOString()).toBe(
      '2026-03-15T10:00:00.000Z',
    );
  });

  it('refuses a missing, zoneless, invalid, ancient or far-future time with the reason', () => {
    expect(reason({ message: 'x' })).toMatch(/no "@timestamp"/);
    expect(reason({ '@timestamp': '2026-03-15T10:00:00' })).toMatch(/time zone offset/);
    expect(reason({ '@timestamp': 'yesterday' })).toMatch(/ISO 8601/);
    expect(reason({ '@timestamp': '2026-02-31T10:00:00Z' })).toMatch(/not a valid date/);
    expect(reason({ '@timestamp': 1773568800 })).toMatch(/epoch milliseconds, not seconds/);
    expect(reason({ '@timestamp': '2026-03-17T10:00:00Z' })).toMatch(/24 hours in the future/);
    expect(reason({ '@timestamp': true })).toMatch(/epoch milliseconds or ISO 8601/);
  });

  it('refuses events older than the retention when told the first day kept', () => {
    const result = normalizeEvent({ '@timestamp': '2026-01-01T00:00:00Z' }, 'api', {
      now,
      oldest: new Date('2026-02-01T00:00:00Z'),
      oldestReason: 'older than kept',
    });
    expect(result).toEqual({ ok: false, reason: 'older than kept' });
  });

  it('refuses what is not an object, and bounds fields, names and values instead of cutting them', () => {
    expect(reason('text')).toMatch(/JSON object/);
    expect(reason([{ '@timestamp': at }])).toMatch(/JSON object/);
    const many = Object.fromEntries(
      Array.from({ length: EVENT_LIMITS.maxFields }, (_, i) => [`f${i}`, i]),
    );
    expect(reason({ '@timestamp': at, ...many })).toMatch(/501 fields; at most 500/);
    expect(reason({ '@timestamp': at, ['k'.repeat(257)]: 1 })).toMatch(/longer than 256/);
    const big = 'é'.repeat(EVENT_LIMITS.maxValueBytes / 2 + 1);
    expect(reason({ '@timestamp': at, message: big })).toMatch(/"message" is 65,538 bytes/);
    // Exactly at the bound is kept whole.
    const fits = accepted({
      '@timestamp': at,
      message: 'é'.repeat(EVENT_LIMITS.maxValueBytes / 2),
    });
    expect(fits.message).toHaveLength(EVENT_LIMITS.maxValueBytes / 2);
  });

  it('refuses what PostgreSQL cannot store: NUL characters, unpaired surrogates, duplicate names', () => {
    expect(reason({ '@timestamp': at, message: 'a\u0000b' })).toMatch(/"message" contains a NUL/);
    expect(reason({ '@timestamp': at, tags: ['ok', 'x\u0000'] })).toMatch(/"tags" contains a NUL/);
    expect(reason({ '@timestamp': at, ['na\u0000me']: 1 })).toMatch(/field name contains a NUL/);
    expect(reason({ '@timestamp': at, note: 'broken \ud800 pair' })).toMatch(/unpaired/);
    expect(reason({ '@timestamp': at, host: { name: 'a' }, 'host.name': 'b' })).toMatch(
      /"host.name" is given twice/,
    );
    expect(reason({ '@timestamp': at, a: { '': 1 } })).toMatch(/empty part/);
    // Emoji (a valid surrogate pair) and other Unicode are fine.
    expect(accepted({ '@timestamp': at, message: 'Zürich 🔐 東京' }).message).toBe(
      'Zürich 🔐 東京',
    );
  });

  it('keeps empty common values out of the columns and out of `fields`', () => {
    const event = accepted({ '@timestamp': at, hostname: '', 'host.name': 'srv1', user: null });
    expect(event.hostname).toBe('srv1');
    expect(event.user).toBeNull();
    expect(event.fields).toEqual({});
  });
});

describe('COPY text format', () => {
  it('escapes backslashes, tabs, newlines and carriage returns and writes null as \\N', () => {
    expect(copyText('C:\\Windows\\System32')).toBe('C:\\\\Windows\\\\System32');
    expect(copyText('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(copyText('say "hi" it\'s ok, 東京')).toBe('say "hi" it\'s ok, 東京');
    expect(copyText(null)).toBe('\\N');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyLine(['a', null, 'b\tc'])).toBe('a\t\\N\tb\\tc\n');
  });
});
