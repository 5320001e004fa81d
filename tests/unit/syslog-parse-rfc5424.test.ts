import { describe, expect, it } from 'vitest';
import { parseSyslog } from '@/lib/events/syslog/parse';
import { syslogRawEvent } from '@/lib/events/syslog/to-raw';

const options = { timeZone: 'UTC', now: new Date('2026-12-01T15:00:00Z') };
const parse = (text: string | Uint8Array) => parseSyslog(text, options);

describe('syslog RFC 5424', () => {
  it('reads the header, several structured data elements and a BOM-prefixed message', () => {
    const m = parse(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 ' +
        '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]' +
        '[examplePriority@32473 class="high"] \uFEFFAn application event log entry...',
    );
    expect(m).toMatchObject({
      format: 'rfc5424',
      priority: 165,
      facility: 'local4',
      severity: 'notice',
      version: 1,
      hostname: 'mymachine.example.com',
      appName: 'evntslog',
      procId: undefined,
      msgId: 'ID47',
      message: 'An application event log entry...',
    });
    expect(m.timestamp?.toISOString()).toBe('2003-10-11T22:14:15.003Z');
    expect(m.structuredData).toEqual({
      'syslog.sd.exampleSDID@32473.iut': '3',
      'syslog.sd.exampleSDID@32473.eventSource': 'Application',
      'syslog.sd.exampleSDID@32473.eventID': '1011',
      'syslog.sd.examplePriority@32473.class': 'high',
    });
    expect(m.parseError).toBeUndefined();
  });

  it('reads a BOM in raw bytes the same way', () => {
    const bytes = Buffer.concat([
      Buffer.from('<14>1 2026-11-30T08:00:00Z h app 1 - - '),
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Grüße'),
    ]);
    expect(parse(bytes).message).toBe('Grüße');
  });

  it('unescapes \\" \\\\ and \\] in parameter values and keeps other backslashes', () => {
    const m = parse(
      '<34>1 2026-11-30T10:00:00Z host app - - [x@1 a="q\\]z" b="he said \\"hi\\"" c="back\\\\" d="a\\nb"][y@2 e=""] msg',
    );
    expect(m.structuredData).toEqual({
      'syslog.sd.x@1.a': 'q]z',
      'syslog.sd.x@1.b': 'he said "hi"',
      'syslog.sd.x@1.c': 'back\\',
      'syslog.sd.x@1.d': 'a\\nb',
      'syslog.sd.y@2.e': '',
    });
    expect(m.message).toBe('msg');
  });

  it('keeps a repeated parameter as a list', () => {
    const m = parse('<34>1 2026-11-30T10:00:00Z h a - - [origin ip="10.0.0.1" ip="10.0.0.2"]');
    expect(m.structuredData['syslog.sd.origin.ip']).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(m.message).toBe('');
  });

  it('turns NILVALUEs into absent fields and dates a message without a timestamp on arrival', () => {
    const m = parse('<13>1 - - - - - -');
    expect(m).toMatchObject({ format: 'rfc5424', timestamp: null, message: '' });
    expect(m.hostname).toBeUndefined();
    expect(m.appName).toBeUndefined();
    const raw = syslogRawEvent(m, { ip: '192.0.2.9', transport: 'udp' }, options.now);
    expect(raw).toMatchObject({
      '@timestamp': '2026-12-01T15:00:00.000Z',
      hostname: '192.0.2.9',
      'syslog.peer_ip': '192.0.2.9',
      'syslog.severity': 'notice',
      'syslog.facility': 'user',
    });
    expect(raw).not.toHaveProperty('syslog.app_name');
    expect(raw).not.toHaveProperty('syslog.hostname');
  });

  it('applies offsets and keeps microseconds in the original text', () => {
    const m = parse(
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
    );
    expect(m.timestamp?.toISOString()).toBe('2003-08-24T12:14:15.000Z');
    expect(m.timestampText).toBe('2003-08-24T05:14:15.000003-07:00');
    expect(m.procId).toBe('8710');
    expect(m.message).toBe("%% It's time to make the do-nuts.");
    expect(parse('<13>1 2026-03-01T00:30:00.5+05:30 h a - - -').timestamp?.toISOString()).toBe(
      '2026-02-28T19:00:00.500Z',
    );
  });

  it('keeps the header under syslog.* for normalisation to map', () => {
    const m = parse(
      '<38>1 2026-11-30T10:00:00Z fw01 sshd 4242 AUTHFAIL [meta seq="7"] bad password',
    );
    expect(syslogRawEvent(m, { ip: '10.9.9.9', transport: 'tcp' }, options.now)).toEqual({
      '@timestamp': '2026-11-30T10:00:00.000Z',
      message: 'bad password',
      'syslog.format': 'rfc5424',
      'syslog.transport': 'tcp',
      'syslog.priority': 38,
      'syslog.facility': 'auth',
      'syslog.severity': 'info',
      'syslog.version': 1,
      'syslog.timestamp': '2026-11-30T10:00:00Z',
      'syslog.hostname': 'fw01',
      'syslog.app_name': 'sshd',
      'syslog.procid': '4242',
      'syslog.msgid': 'AUTHFAIL',
      'syslog.peer_ip': '10.9.9.9',
      'syslog.sd.meta.seq': '7',
    });
  });

  it.each([
    ['<192>1 2026-11-30T10:00:00Z h a - - - x', /not a priority/],
    ['<034>1 2026-11-30T10:00:00Z h a - - - x', /not a priority/],
    ['<>1 2026-11-30T10:00:00Z h a - - - x', /does not start with a priority/],
    ['<13>1 2026-02-30T10:00:00Z h a - - - x', /not a valid date/],
    ['<13>1 2026-11-30 10:00:00 h a - - - x', /not an RFC 5424 timestamp/],
    ['<13>1 2026-11-30T10:00:00Z h a - - [x@1 a="open] msg', /not closed with a quote/],
    ['<13>1 2026-11-30T10:00:00Z h a - - [x@1 a=1] msg', /has no ="value"/],
    ['<13>1 2026-11-30T10:00:00Z h a - - oops', /must be "-" or start with "\["/],
    ['<13>1 2026-11-30T10:00:00Z h', /app name is missing/],
  ])('keeps %j as an unparsed event with the reason', (text, reason) => {
    const m = parse(text);
    expect(m.format).toBe('unparsed');
    expect(m.parseError).toMatch(reason);
    expect(m.message).toBe(text);
    const raw = syslogRawEvent(m, { ip: '127.0.0.1', transport: 'tcp' }, options.now);
    expect(raw['syslog.parse_error']).toMatch(reason);
    expect(raw.message).toBe(text);
  });

  it('keeps the priority of a message whose header is broken', () => {
    expect(parse('<11>1 yesterday h a - - - x')).toMatchObject({
      format: 'unparsed',
      severity: 'err',
      facility: 'user',
    });
  });

  it('reads bytes that are not UTF-8 as ISO-8859-1, losing none, and says so', () => {
    const bytes = Buffer.concat([
      Buffer.from('<13>1 2026-11-30T10:00:00Z h a - - - caf'),
      Buffer.from([0xe9, 0x20, 0x80, 0x00, 0x21]),
    ]);
    const m = parse(bytes);
    expect(m.message).toBe('café \u0080\uFFFD!');
    expect(m.encodingFallback).toBe(true);
    expect(syslogRawEvent(m, { ip: null, transport: 'udp' }, options.now)['syslog.encoding']).toBe(
      'iso-8859-1',
    );
    expect(parse(Buffer.from('<13>1 - h a - - - ok')).encodingFallback).toBe(false);
  });
});
