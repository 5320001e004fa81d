import { describe, expect, it } from 'vitest';
import { onTimeRate } from '@/lib/reports/on-time-rate';
import { emptyCounts, ledgerStatus, pendingOccurrences } from '@/lib/reports/period-accounting';
import { toRruleString, type Recurrence } from '@/lib/schedules/recurrence';

// The report's accounting of planned occurrences: every occurrence the rule owes in the range
// by now is either a ledger row (done, open, missed…) or shows as pending — whether the
// worker has not got to it yet (after the cursor) or the ledger lacks it (before).

const recurrence: Recurrence = {
  pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] },
  timeOfDay: '08:00',
  timeZone: 'Europe/London',
  startDate: '2026-01-05',
  endDate: null,
};

function schedule(
  overrides: Partial<{ active: boolean; ruleEffectiveAt: Date; accountedThrough: Date }> = {},
) {
  return {
    ...recurrence,
    rrule: toRruleString(recurrence),
    active: true,
    ruleEffectiveAt: new Date('2026-01-01T00:00:00Z'),
    accountedThrough: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

// Mondays 5, 12, 19, 26 January 2026 at 08:00 London (UTC in winter).
const JANUARY = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-02-01T00:00:00Z') };
const monday = (day: number) => new Date(Date.UTC(2026, 0, day, 8));
const row = (day: number) => ({
  periodKey: `week:2026-01-${String(day).padStart(2, '0')}`,
  occurrenceAt: monday(day),
});
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('pending occurrences', () => {
  const after = { ...JANUARY, now: new Date('2026-03-01T00:00:00Z') };

  it('nothing recorded, nothing generated: all four Mondays are pending', () => {
    expect(iso(pendingOccurrences(schedule(), [], after))).toEqual(
      iso([monday(5), monday(12), monday(19), monday(26)]),
    );
  });

  it('the ledger holds two (a task and a miss), the cursor is past them: the other two are pending', () => {
    const s = schedule({ accountedThrough: monday(12) });
    expect(iso(pendingOccurrences(s, [row(5), row(12)], after))).toEqual(
      iso([monday(19), monday(26)]),
    );
  });

  it('every Monday recorded: none pending', () => {
    const s = schedule({ accountedThrough: monday(26) });
    expect(pendingOccurrences(s, [row(5), row(12), row(19), row(26)], after)).toEqual([]);
  });

  it('the cursor claims a Monday the ledger lacks: it still shows, never silently absent', () => {
    const s = schedule({ accountedThrough: monday(26) });
    expect(iso(pendingOccurrences(s, [row(5), row(19), row(26)], after))).toEqual(
      iso([monday(12)]),
    );
  });

  it('owes only what has come due by now', () => {
    const now = new Date('2026-01-20T00:00:00Z');
    expect(iso(pendingOccurrences(schedule(), [], { ...JANUARY, now }))).toEqual(
      iso([monday(5), monday(12), monday(19)]),
    );
  });

  it('owes nothing before the rule took effect, nor while paused', () => {
    const edited = schedule({ ruleEffectiveAt: monday(19), accountedThrough: monday(19) });
    expect(iso(pendingOccurrences(edited, [], after))).toEqual(iso([monday(26)]));
    expect(pendingOccurrences(schedule({ active: false }), [], after)).toEqual([]);
  });

  it('keeps to the range: the first of February belongs to the next report', () => {
    const s = schedule({ accountedThrough: monday(26) });
    const february = { start: JANUARY.end, end: new Date('2026-03-01T00:00:00Z'), now: after.now };
    expect(iso(pendingOccurrences(s, [], february))).toEqual(
      iso([2, 9, 16, 23].map((d) => new Date(Date.UTC(2026, 1, d, 8)))),
    );
  });
});

describe('ledger status and the on-time rate', () => {
  const now = new Date('2026-02-01T00:00:00Z');
  const due = new Date('2026-01-10T23:59:59Z');
  const task = (state: string, closedAt: Date | null, dueAt: Date | null = due) => ({
    periodKey: 'week:2026-01-05',
    occurrenceAt: monday(5),
    outcome: 'task' as const,
    task: { state, dueAt, closedAt },
  });

  it('reads done, late, open, overdue, invalid and missed', () => {
    expect(ledgerStatus(task('closed', new Date('2026-01-09T00:00:00Z')), now)).toBe('on-time');
    expect(ledgerStatus(task('closed', new Date('2026-01-12T00:00:00Z')), now)).toBe('late');
    expect(ledgerStatus(task('open', null), now)).toBe('overdue');
    expect(ledgerStatus(task('open', null, new Date('2026-03-01T00:00:00Z')), now)).toBe('open');
    expect(ledgerStatus(task('invalid', new Date('2026-01-09T00:00:00Z')), now)).toBe('invalid');
    expect(
      ledgerStatus(
        { periodKey: 'week:2026-01-05', occurrenceAt: monday(5), outcome: 'missed', task: null },
        now,
      ),
    ).toBe('missed');
  });

  it('counts late, overdue and missed against the rate; invalid, open and pending neither way', () => {
    const counts = {
      ...emptyCounts(),
      'on-time': 6,
      late: 1,
      overdue: 1,
      missed: 2,
      invalid: 3,
      open: 4,
      pending: 5,
    };
    expect(onTimeRate(counts)).toBe(6 / 10);
    expect(onTimeRate({ ...emptyCounts(), pending: 3, invalid: 1 })).toBeNull();
  });
});

describe('CSV times', () => {
  it('are YYYY-MM-DD HH:MM:SS on the zone’s wall clock, across a DST change', async () => {
    const { formatCsvDateTime: csvDateTime } = await import('@/lib/csv/spreadsheet-dates');
    expect(csvDateTime(new Date('2026-03-08T06:59:59Z'), 'America/Chicago')).toBe(
      '2026-03-08 00:59:59',
    );
    expect(csvDateTime(new Date('2026-03-08T08:00:00Z'), 'America/Chicago')).toBe(
      '2026-03-08 03:00:00',
    );
    expect(csvDateTime(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01 00:00:00');
    expect(csvDateTime(null, 'UTC')).toBe('');
  });
});

describe('the content hash', () => {
  it('is the same for the same content whenever generated, and differs when a status does', async () => {
    const { complianceReportHash } = await import('@/lib/reports/report-json');
    const report = (generatedAt: string, status: 'on-time' | 'late') =>
      ({
        params: { from: '2026-01-01', to: '2026-01-31' },
        policyLabel: null,
        organization: { name: 'Bank', timeZone: 'UTC' },
        generatedAt: new Date(generatedAt),
        occurrences: [
          { scheduleId: 's', periodKey: 'week:2026-01-05', occurrenceAt: monday(5), status },
        ],
        schedules: [],
        policies: [],
        incidents: [],
        notices: [],
      }) as unknown as Parameters<typeof complianceReportHash>[0];
    const a = complianceReportHash(report('2026-02-01T00:00:00Z', 'on-time'));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(complianceReportHash(report('2026-03-01T12:00:00Z', 'on-time'))).toBe(a);
    expect(complianceReportHash(report('2026-02-01T00:00:00Z', 'late'))).not.toBe(a);
  });
});
