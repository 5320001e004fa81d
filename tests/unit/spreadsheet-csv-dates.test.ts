import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { activityToCsv } from '@/lib/activity/activity-csv';
import {
  CSV_DATE_FORMAT,
  CSV_DATETIME_FORMAT,
  formatCsvDateTime,
  zonedHeader,
} from '@/lib/csv/spreadsheet-dates';
import { COMPLIANCE_CSV_FILES, complianceCsv } from '@/lib/reports/csv-files';
import type { ComplianceReport, StatusCounts } from '@/lib/reports/types';

// The format every CSV writes is one Excel, LibreOffice and Gnumeric detect as a date: ISO 8601's
// date and time with a space instead of "T" and no offset (a "T" or an offset makes Gnumeric keep
// the cell as text), read in the zone the header names. A parser with date detection running in
// that zone (csv-parse's cast_date, Date.parse underneath) must find the same instants.

const ZONE = 'America/Chicago';
// Date.parse reads a time without an offset in the process's zone: make it the viewer's.
process.env.TZ = ZONE;

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('the agreed formats', () => {
  it('are ISO 8601 date and time joined by a space, without an offset, and plain dates', () => {
    expect(CSV_DATETIME_FORMAT).toBe('YYYY-MM-DD HH24:MI:SS');
    expect(CSV_DATE_FORMAT).toBe('YYYY-MM-DD');
    expect(zonedHeader('Created', ZONE)).toBe('Created (America/Chicago)');
  });

  it('write the wall clock of the zone, on both sides of a DST change', () => {
    const instants = [
      '2026-03-08T07:59:59Z', // 01:59:59 CST, the last second before the spring gap
      '2026-03-08T08:00:00Z', // 03:00:00 CDT
      '2026-11-01T06:30:00Z', // 01:30 CDT, the first of the two 01:30s
      '2026-11-01T07:30:00Z', // 01:30 CST, the second
    ].map((t) => new Date(t));
    const text = instants.map((d) => formatCsvDateTime(d, ZONE));
    expect(text).toEqual([
      '2026-03-08 01:59:59',
      '2026-03-08 03:00:00',
      '2026-11-01 01:30:00',
      '2026-11-01 01:30:00',
    ]);
    for (const cell of text) expect(cell).toMatch(DATE_TIME);
    // Unambiguous instants come back as themselves; the repeated hour reads as its first pass,
    // as any spreadsheet reads it (which is why the header names the zone, not an offset).
    expect(text.map((t) => new Date(Date.parse(t)).toISOString())).toEqual([
      '2026-03-08T07:59:59.000Z',
      '2026-03-08T08:00:00.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
    expect(formatCsvDateTime(null, ZONE)).toBe('');
    expect(formatCsvDateTime('not a time', ZONE)).toBe('not a time');
    expect(formatCsvDateTime(new Date('2026-01-01T00:00:00.999Z'), 'UTC')).toBe(
      '2026-01-01 00:00:00',
    );
  });
});

const counts = (n: number): StatusCounts => ({
  'on-time': n,
  late: 0,
  open: 0,
  overdue: 0,
  invalid: 0,
  missed: 0,
  pending: 0,
});

const SCHEDULE = '6f1c2b8e-3d4a-4c5b-9e6f-7a8b9c0d1e2f';
const TASK = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const POLICY = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const INCIDENT = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const T = {
  occurrence: new Date('2026-03-02T14:00:00Z'),
  due: new Date('2026-03-05T14:00:00Z'),
  closed: new Date('2026-03-04T16:12:09.500Z'),
  windowStart: new Date('2026-02-23T06:00:00Z'),
  windowEnd: new Date('2026-03-02T06:00:00Z'),
  decided: new Date('2026-03-10T15:00:00Z'),
  clock: new Date('2026-03-10T13:30:00Z'),
  deadline: new Date('2026-03-12T13:30:00Z'),
  notified: new Date('2026-03-11T09:45:30Z'),
};

const REPORT: ComplianceReport = {
  params: { from: '2026-03-01', to: '2026-03-31' },
  policyLabel: null,
  organization: { name: 'Test bank', timeZone: ZONE },
  generatedAt: new Date('2026-04-01T12:00:00Z'),
  occurrences: [
    {
      scheduleId: SCHEDULE,
      scheduleName: '=Weekly log review',
      periodKey: 'week:2026-03-02',
      periodLabel: 'week of 2 March 2026',
      occurrenceAt: T.occurrence,
      status: 'on-time',
      lateBySeconds: null,
      reason: '',
      task: {
        id: TASK,
        number: 2001,
        title: 'Weekly log review',
        dueAt: T.due,
        closedAt: T.closed,
        completedBy: { id: null, name: 'Dana Reyes' },
        findings: '@nothing found',
        invalidReason: null,
        attachmentCount: 1,
      },
      owner: { kind: 'team', id: 'team-1', name: 'SOC' },
      evidence: {
        query: 'event_id:4625',
        windowStart: T.windowStart,
        windowEnd: T.windowEnd,
        matchCount: 3,
        sha256: 'ab'.repeat(32),
        error: null,
      },
    },
  ],
  schedules: [
    {
      scheduleId: SCHEDULE,
      name: '=Weekly log review',
      groupName: 'Logs',
      tags: ['logs'],
      owner: null,
      counts: counts(1),
      onTimeRate: 1,
      policies: [{ id: POLICY, framework: 'FFIEC', reference: 'IT-3', version: 2 }],
    },
  ],
  policies: [
    {
      policyId: POLICY,
      framework: 'FFIEC',
      reference: 'IT-3',
      title: 'Log review',
      version: 2,
      scheduleIds: [SCHEDULE],
      counts: counts(1),
      onTimeRate: 1,
    },
  ],
  incidents: [
    {
      month: '2026-03',
      severity: 'all',
      opened: 2,
      closed: 1,
      respondSecondsMean: 600,
      respondSecondsP90: 900,
      closeSecondsMean: null,
      closeSecondsP90: null,
      withinTargetShare: 0.5,
    },
  ],
  notices: [
    {
      incidentId: INCIDENT,
      incidentNumber: 1042,
      incidentTitle: 'Card data exposure',
      ruleName: 'GLBA notice',
      citation: '16 CFR 314.4(j)',
      basis: '-assessed as notifiable',
      decidedBy: 'Dana Reyes',
      decidedAt: T.decided,
      clockStartedAt: T.clock,
      deadlineAt: T.deadline,
      notifiedAt: T.notified,
      notifiedTo: 'FTC',
      reference: 'FTC-1',
      onTime: true,
    },
  ],
};

const second = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

function readFile(name: string) {
  const file = COMPLIANCE_CSV_FILES.find((f) => f.name === name)!;
  const { text } = complianceCsv(file, REPORT, ZONE);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...raw] = parse(text, { bom: true }) as string[][];
  const cells = parse(text, { bom: true, columns: true, cast: true, cast_date: true }) as Record<
    string,
    unknown
  >[];
  return { header, raw, cells };
}

describe('the compliance report CSV files', () => {
  it('write every time column as a date in the viewer’s zone, named in its header', () => {
    const expected: Record<string, Record<string, Date>> = {
      'occurrences.csv': {
        occurrence_at: T.occurrence,
        due_at: T.due,
        completed_at: second(T.closed),
        evidence_window_start: T.windowStart,
        evidence_window_end: T.windowEnd,
      },
      'notices.csv': {
        decided_at: T.decided,
        clock_started_at: T.clock,
        deadline_at: T.deadline,
        notified_at: T.notified,
      },
    };
    for (const file of COMPLIANCE_CSV_FILES) {
      const { header, raw, cells } = readFile(file.name);
      const zoned = header.filter((h) => h.endsWith(` (${ZONE})`));
      const want = expected[file.name] ?? {};
      expect(zoned, file.name).toEqual(Object.keys(want).map((c) => `${c} (${ZONE})`));
      for (const [column, instant] of Object.entries(want)) {
        const name = `${column} (${ZONE})`;
        expect(raw[0][header.indexOf(name)], name).toMatch(DATE_TIME);
        expect(cells[0][name], name).toEqual(instant);
      }
      for (const text of raw.flat()) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
    }
  });

  it('join on their ids and neutralise formula cells', () => {
    const occurrences = readFile('occurrences.csv');
    const schedules = readFile('schedules.csv');
    const policies = readFile('policies.csv');
    const notices = readFile('notices.csv');
    const text = (sheet: ReturnType<typeof readFile>, column: string) =>
      sheet.raw[0][sheet.header.indexOf(column)];
    expect(text(occurrences, 'schedule_id')).toBe(text(schedules, 'schedule_id'));
    expect(text(occurrences, 'task_id')).toBe(TASK);
    expect(text(schedules, 'policies')).toBe(`${text(policies, 'policy_id')}@2`);
    expect(text(policies, 'schedule_ids')).toBe(SCHEDULE);
    expect(text(notices, 'incident_id')).toBe(INCIDENT);
    expect(text(occurrences, 'schedule_name')).toBe("'=Weekly log review");
    expect(text(occurrences, 'findings')).toBe("'@nothing found");
    expect(text(notices, 'basis')).toBe("'-assessed as notifiable");
    expect(text(occurrences, 'attachment_count')).toBe('1');
  });
});

describe('the activity CSV', () => {
  it('writes its times and changed times as dates, and its item first', () => {
    const csv = activityToCsv(
      [
        {
          id: 1,
          occurredAt: new Date('2026-11-28T20:05:07.250Z'),
          actorId: null,
          actorLabel: 'Dana Reyes <dana@example.com>',
          action: 'incident.updated',
          entityType: 'incident',
          entityId: 'x',
          changes: { dueAt: { old: null, new: '2026-12-01T18:00:00.000Z' } },
          requestId: null,
          clientAddress: null,
        },
      ],
      ZONE,
      { names: new Map([['incident:x', 'INC-1042']]), hrefs: new Map() },
    );
    const [header, row] = parse(csv, { bom: true }) as string[][];
    expect(header.slice(0, 2)).toEqual(['Item', `Time (${ZONE})`]);
    expect(row.slice(0, 2)).toEqual(['INC-1042', '2026-11-28 14:05:07']);
    expect(row[header.indexOf('New')]).toBe('2026-12-01 12:00:00');
  });
});
