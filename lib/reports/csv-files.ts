import { csvDocument, type CsvCell } from '@/lib/csv/csv-text';
import { formatCsvDateTime, zonedHeader } from '@/lib/csv/spreadsheet-dates';
import { isValidTimeZone } from '@/lib/time/time-zones';
import type { ComplianceReport, OwnerRef, StatusCounts } from './types';

// The compliance report's tables as CSV files, one per table, with stable columns and ids
// that join (schedule_id, task_id, policy_id + policy_version, incident_id): the page's
// downloads, the API's occurrences CSV and the evidence bundle all write these. Times are
// "YYYY-MM-DD HH:MM:SS" in the viewer's zone, named in the column's header; days and months
// are plain. csvDocument neutralises formula cells: a schedule named "=HYPERLINK(…)" stays text.

export type ComplianceCsvFile = {
  /** The file's name in a download and in the bundle ("occurrences.csv"). */
  name: string;
  /** What the table holds, for the README and the bundle's manifest. */
  description: string;
  header: (timeZone: string) => string[];
  rows: (report: ComplianceReport, timeZone: string) => CsvCell[][];
};

const STATUS_COLUMNS = [
  'planned',
  'on_time',
  'late',
  'open',
  'overdue',
  'invalid',
  'missed',
  'pending',
  'on_time_rate',
];

function statusCells(counts: StatusCounts, rate: number | null): CsvCell[] {
  const planned = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    planned,
    counts['on-time'],
    counts.late,
    counts.open,
    counts.overdue,
    counts.invalid,
    counts.missed,
    counts.pending,
    rate === null ? '' : rate.toFixed(4),
  ];
}

function ownerCells(owner: OwnerRef): CsvCell[] {
  return owner ? [owner.kind, owner.id, owner.name] : ['', '', ''];
}

export const COMPLIANCE_CSV_FILES: ComplianceCsvFile[] = [
  {
    name: 'occurrences.csv',
    description:
      'Every planned occurrence of every schedule in the range: its status, task, owner, who completed it, findings, attachments and review evidence.',
    header: (tz) => [
      'schedule_id',
      'schedule_name',
      'period_key',
      'period',
      zonedHeader('occurrence_at', tz),
      'status',
      'late_by_seconds',
      'reason',
      'task_id',
      'task_number',
      'task_title',
      'owner_kind',
      'owner_id',
      'owner_name',
      zonedHeader('due_at', tz),
      zonedHeader('completed_at', tz),
      'completed_by_id',
      'completed_by',
      'findings',
      'invalid_reason',
      'attachment_count',
      'evidence_query',
      zonedHeader('evidence_window_start', tz),
      zonedHeader('evidence_window_end', tz),
      'evidence_match_count',
      'evidence_sha256',
      'evidence_error',
    ],
    rows: (report, tz) =>
      report.occurrences.map((o) => [
        o.scheduleId,
        o.scheduleName,
        o.periodKey,
        o.periodLabel,
        formatCsvDateTime(o.occurrenceAt, tz),
        o.status,
        o.lateBySeconds,
        o.reason,
        o.task?.id,
        o.task ? `TASK-${o.task.number}` : '',
        o.task?.title,
        ...ownerCells(o.owner),
        formatCsvDateTime(o.task?.dueAt, tz),
        formatCsvDateTime(o.task?.closedAt, tz),
        o.task?.completedBy?.id,
        o.task?.completedBy?.name,
        o.task?.findings,
        o.task?.invalidReason,
        o.task ? o.task.attachmentCount : '',
        o.evidence?.query,
        formatCsvDateTime(o.evidence?.windowStart, tz),
        formatCsvDateTime(o.evidence?.windowEnd, tz),
        o.evidence?.matchCount,
        o.evidence?.sha256,
        o.evidence?.error,
      ]),
  },
  {
    name: 'schedules.csv',
    description:
      'Per schedule: its occurrences in the range by status and its on-time rate, exceptions first; its policies as policy_id@version.',
    header: () => [
      'schedule_id',
      'schedule_name',
      'group',
      'tags',
      'owner_kind',
      'owner_id',
      'owner_name',
      ...STATUS_COLUMNS,
      'policies',
    ],
    rows: (report) =>
      report.schedules.map((s) => [
        s.scheduleId,
        s.name,
        s.groupName,
        s.tags.join(';'),
        ...ownerCells(s.owner),
        ...statusCells(s.counts, s.onTimeRate),
        s.policies.map((p) => `${p.id}@${p.version}`).join(';'),
      ]),
  },
  {
    name: 'policies.csv',
    description:
      'Per policy at the version attached: the occurrences of its schedules by status and its on-time rate, exceptions first.',
    header: () => [
      'policy_id',
      'policy_version',
      'framework',
      'reference',
      'title',
      'schedule_ids',
      ...STATUS_COLUMNS,
    ],
    rows: (report) =>
      report.policies.map((p) => [
        p.policyId,
        p.version,
        p.framework,
        p.reference,
        p.title,
        p.scheduleIds.join(';'),
        ...statusCells(p.counts, p.onTimeRate),
      ]),
  },
  {
    name: 'incidents-by-month.csv',
    description:
      'Incidents by month in the organization’s zone, all severities and each: opened, closed, mean and p90 seconds to respond and to close, share answered within the response target.',
    header: () => [
      'month',
      'severity',
      'opened',
      'closed',
      'respond_mean_seconds',
      'respond_p90_seconds',
      'close_mean_seconds',
      'close_p90_seconds',
      'within_target_share',
    ],
    rows: (report) =>
      report.incidents.map((m) => [
        m.month,
        m.severity,
        m.opened,
        m.closed,
        m.respondSecondsMean,
        m.respondSecondsP90,
        m.closeSecondsMean,
        m.closeSecondsP90,
        m.withinTargetShare === null ? '' : m.withinTargetShare.toFixed(4),
      ]),
  },
  {
    name: 'notices.csv',
    description:
      'Regulator and customer notices of incidents whose clock started in the range: rule, basis, decision, clock, deadline, notification and whether it was on time.',
    header: (tz) => [
      'incident_id',
      'incident_number',
      'incident_title',
      'rule',
      'citation',
      'basis',
      'decided_by',
      zonedHeader('decided_at', tz),
      zonedHeader('clock_started_at', tz),
      zonedHeader('deadline_at', tz),
      zonedHeader('notified_at', tz),
      'notified_to',
      'reference',
      'on_time',
    ],
    rows: (report, tz) =>
      report.notices.map((n) => [
        n.incidentId,
        `INC-${n.incidentNumber}`,
        n.incidentTitle,
        n.ruleName,
        n.citation,
        n.basis,
        n.decidedBy,
        formatCsvDateTime(n.decidedAt, tz),
        formatCsvDateTime(n.clockStartedAt, tz),
        formatCsvDateTime(n.deadlineAt, tz),
        formatCsvDateTime(n.notifiedAt, tz),
        n.notifiedTo,
        n.reference,
        n.onTime === null ? '' : n.onTime ? 'yes' : 'no',
      ]),
  },
];

export function complianceCsvFile(name: string): ComplianceCsvFile | undefined {
  return COMPLIANCE_CSV_FILES.find((file) => file.name === `${name}.csv`);
}

/** The file's text: a byte-order mark (Excel reads UTF-8 then), the header, one line per row. */
export function complianceCsv(
  file: ComplianceCsvFile,
  report: ComplianceReport,
  timeZone: string,
): { text: string; rowCount: number } {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const rows = file.rows(report, zone);
  return { text: csvDocument(file.header(zone), rows), rowCount: rows.length };
}
