import { describe, expect, it } from 'vitest';
import { parseSyslog } from '@/lib/events/syslog/parse';

const now = new Date('2026-12-01T15:00:00Z');
const parse = (text: string, timeZone = 'UTC', at = now) =>
  parseSyslog(text, { timeZone, now: at });

describe('syslog RFC 3164', () => {
  it('reads PRI, timestamp, host, tag with pid and the message', () => {
    const m = parse(
      "<34>Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8",
    );
    expect(m).toMatchObject({
      format: 'rfc3164',
      priority: 34,
      facility: 'auth',
      severity: 'crit',
      hostname: 'mymachine',
      appName: 'su',
      procId: '230',
      message: "'su root' failed for lonvick on /dev/pts/8",
      timestampText: 'Oct 11 22:14:15',
    });
    expect(m.timestamp?.toISOString()).toBe('2026-10-11T22:14:15.000Z');
    expect(m.version).toBeUndefined();
  });

  it('reads a single-digit day padded with a space and one without', () => {
    expect(parse('<13>Nov  3 08:00:00 h app: a').timestamp?.toISOString()).toBe(
      '2026-11-03T08:00:00.000Z',
    );
    expect(parse('<13>Nov 3 08:00:00 h app: a').timestamp?.toISOString()).toBe(
      '2026-11-03T08:00:00.000Z',
    );
  });

  it('reads the wall time in the configured zone, across daylight saving time', () => {
    expect(parse('<13>Jul  4 12:00:00 h a: x', 'America/Chicago').timestamp?.toISOString()).toBe(
      '2026-07-04T17:00:00.000Z',
    );
    expect(parse('<13>Nov 30 12:00:00 h a: x', 'America/Chicago').timestamp?.toISOString()).toBe(
      '2026-11-30T18:00:00.000Z',
    );
  });

  it('chooses the latest year that does not put the message more than a day ahead', () => {
    const newYear = new Date('2027-01-01T00:05:00Z');
    expect(parse('<13>Dec 31 23:59:58 h a: x', 'UTC', newYear).timestamp?.toISOString()).toBe(
      '2026-12-31T23:59:58.000Z',
    );
    // A device clock a few minutes ahead at New Year's Eve stays in the coming year.
    const eve = new Date('2026-12-31T23:58:00Z');
    expect(parse('<13>Jan  1 00:02:00 h a: x', 'UTC', eve).timestamp?.toISOString()).toBe(
      '2027-01-01T00:02:00.000Z',
    );
    // Five days ahead is last year's.
    expect(parse('<13>Dec  6 10:00:00 h a: x').timestamp?.toISOString()).toBe(
      '2025-12-06T10:00:00.000Z',
    );
    // 29 February goes to the latest leap year.
    expect(parse('<13>Feb 29 10:00:00 h a: x').timestamp?.toISOString()).toBe(
      '2024-02-29T10:00:00.000Z',
    );
  });

  it('reads a year after the day, fractions of a second, and RFC 3339 timestamps', () => {
    expect(parse('<13>Mar  1 2025 01:02:03 h a: x').timestamp?.toISOString()).toBe(
      '2025-03-01T01:02:03.000Z',
    );
    expect(parse('<13>Mar  1 01:02:03.456 h a: x').timestamp?.toISOString()).toBe(
      '2026-03-01T01:02:03.456Z',
    );
    const iso = parse('<13>2026-11-30T10:00:00.5+01:00 fw01 filterlog[22]: pass in');
    expect(iso).toMatchObject({
      hostname: 'fw01',
      appName: 'filterlog',
      procId: '22',
      message: 'pass in',
    });
    expect(iso.timestamp?.toISOString()).toBe('2026-11-30T09:00:00.500Z');
  });

  it('reads a line whose hostname was left out', () => {
    expect(parse('<13>Nov 30 10:00:00 sshd[99]: Accepted publickey')).toMatchObject({
      hostname: undefined,
      appName: 'sshd',
      procId: '99',
      message: 'Accepted publickey',
    });
  });

  it('keeps a message without a tag whole', () => {
    expect(
      parse('<13>Nov 30 10:00:00 core-sw1 %LINK-3-UPDOWN Interface Gi0/1, changed state'),
    ).toMatchObject({
      hostname: 'core-sw1',
      appName: undefined,
      message: '%LINK-3-UPDOWN Interface Gi0/1, changed state',
    });
  });

  it('takes a line with a priority but no header as the message, dated on arrival', () => {
    expect(parse('<13>just some text')).toMatchObject({
      format: 'rfc3164',
      timestamp: null,
      severity: 'notice',
      message: 'just some text',
    });
    expect(parse('<13>just some text').parseError).toBeUndefined();
    expect(parse('<13>Foo 30 10:00:00 h a: x')).toMatchObject({ timestamp: null });
  });

  it('keeps a line without a priority as an unparsed event', () => {
    expect(parse('Nov 30 10:00:00 h a: x')).toMatchObject({
      format: 'unparsed',
      message: 'Nov 30 10:00:00 h a: x',
      parseError: expect.stringMatching(/priority/),
    });
  });
});
