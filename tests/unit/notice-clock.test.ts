import { describe, expect, it } from 'vitest';
import { formatDateTime } from '@/lib/time/format';
import { localInputToIso } from '@/lib/time/local-input';
import { BUILTIN_NOTICE_RULES } from '@/lib/notice-clocks/builtin-rules';
import { deadlineFor, noticeClockStatus, thresholdAt, warningDue } from '@/lib/notice-clocks/clock';

// Regulator clocks run in elapsed hours: a DST change or a weekend moves neither the
// deadline nor the warnings.

const hours = (n: number) => n * 3_600_000;
const rule = (key: string) => BUILTIN_NOTICE_RULES.find((r) => r.builtinKey === key)!;
const at = (local: string, zone: string) => new Date(localInputToIso(local, zone)!);

describe('the deadline of a notice clock', () => {
  it('is 36 elapsed hours after the start across the spring DST change (OCC/Fed/FDIC)', () => {
    const start = at('2026-03-07T20:00', 'America/Chicago');
    const deadline = deadlineFor(start, rule('occ-fed-fdic-36h').deadlineHours);
    expect(deadline.getTime() - start.getTime()).toBe(hours(36));
    // The clocks sprang forward at 02:00 on 8 March: 36 h later is 09:00, not 08:00, local.
    expect(deadline.toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(formatDateTime(deadline, 'America/Chicago')).toContain('9:00');
  });

  it('is 36 elapsed hours across the autumn change too', () => {
    const start = at('2026-10-31T20:00', 'America/Chicago');
    const deadline = deadlineFor(start, 36);
    expect(deadline.toISOString()).toBe('2026-11-02T13:00:00.000Z');
  });

  it('runs 72 hours through a weekend (NCUA): Friday 17:00 → Monday 17:00', () => {
    const start = at('2026-05-08T17:00', 'America/New_York');
    const deadline = deadlineFor(start, rule('ncua-748-72h').deadlineHours);
    expect(deadline.toISOString()).toBe(at('2026-05-11T17:00', 'America/New_York').toISOString());
  });

  it('is 4 hours for the bank service provider rule', () => {
    const start = new Date('2026-06-06T22:30:00Z');
    expect(deadlineFor(start, rule('bank-service-provider-4h').deadlineHours).toISOString()).toBe(
      '2026-06-07T02:30:00.000Z',
    );
  });

  it('ships the three rules with their citations and summaries', () => {
    expect(BUILTIN_NOTICE_RULES.map((r) => [r.builtinKey, r.deadlineHours])).toEqual([
      ['occ-fed-fdic-36h', 36],
      ['bank-service-provider-4h', 4],
      ['ncua-748-72h', 72],
    ]);
    expect(rule('occ-fed-fdic-36h').citation).toContain('12 CFR part 53');
    expect(rule('ncua-748-72h').citation).toContain('748.1(c)');
    expect(rule('ncua-748-72h').summary).toMatch(/third-party/);
    for (const r of BUILTIN_NOTICE_RULES) expect(r.summary.length).toBeGreaterThan(40);
  });
});

describe('the state of a running clock', () => {
  const start = new Date('2026-03-07T20:00:00Z');
  const clock = { clockStartedAt: start, deadlineAt: deadlineFor(start, 36), notifiedAt: null };
  const after = (h: number) => new Date(start.getTime() + hours(h));

  it('places the 50 % and 75 % warnings at 18 h and 27 h of 36', () => {
    expect(thresholdAt(clock, 0.5).getTime() - start.getTime()).toBe(hours(18));
    expect(thresholdAt(clock, 0.75).getTime() - start.getTime()).toBe(hours(27));
  });

  it('says which warning is due, only the latest one reached', () => {
    expect(warningDue(clock, after(17.9))).toBeNull();
    expect(warningDue(clock, after(18))).toBe('half');
    expect(warningDue(clock, after(26.9))).toBe('half');
    expect(warningDue(clock, after(27))).toBe('three-quarters');
    expect(warningDue(clock, after(36))).toBe('missed');
    expect(warningDue({ ...clock, notifiedAt: after(20) }, after(40))).toBeNull();
  });

  it('shows time left, at risk past half, overdue past the deadline, and notified', () => {
    expect(noticeClockStatus(clock, after(10))).toEqual({
      status: 'running',
      remainingMs: hours(26),
    });
    expect(noticeClockStatus(clock, after(20))).toEqual({
      status: 'at-risk',
      remainingMs: hours(16),
    });
    expect(noticeClockStatus(clock, after(40))).toEqual({ status: 'overdue', overdueMs: hours(4) });
    expect(noticeClockStatus({ ...clock, notifiedAt: after(30) }, after(40))).toEqual({
      status: 'notified',
      late: false,
    });
    expect(noticeClockStatus({ ...clock, notifiedAt: after(37) }, after(40))).toEqual({
      status: 'notified',
      late: true,
    });
  });
});
