import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import {
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
  isException,
} from '@/lib/reports/period-accounting';
import type {
  ComplianceOccurrence,
  ComplianceReport,
  IncidentMonth,
  NoticeRecord,
  PolicySummary,
  ScheduleSummary,
  StatusCounts,
} from '@/lib/reports/types';
import { onTimeRate } from '@/lib/reports/on-time-rate';
import { formatDateTime } from '@/lib/time/format';

// The compliance report as a page and on paper: summaries first, exceptions before the rest,
// every table with a caption. On paper (the print stylesheet below) the navigation goes,
// table headers repeat on every page and each section starts a page.

export const STATUS_TONES: Record<
  ComplianceOccurrence['status'],
  'green' | 'amber' | 'red' | 'brand' | 'neutral'
> = {
  'on-time': 'green',
  late: 'amber',
  overdue: 'red',
  open: 'brand',
  invalid: 'neutral',
  missed: 'red',
  pending: 'amber',
};

export const PRINT_STYLES = `
@media print {
  aside, [data-print="hide"] { display: none !important; }
  main { padding: 0 !important; }
  thead { display: table-header-group; }
  th { position: static !important; box-shadow: none !important; }
  tr { break-inside: avoid; }
  [data-print="section"] { break-before: page; }
  .overflow-x-auto { overflow: visible !important; }
  section { box-shadow: none !important; border: 0 !important; padding: 0 !important; }
  @page { margin: 12mm; }
}`;

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const hours = seconds / 3600;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} d`;
}

function total(counts: StatusCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function Section({
  title,
  id,
  children,
  first,
}: {
  title: string;
  id: string;
  children: ReactNode;
  first?: boolean;
}) {
  return (
    <section aria-labelledby={id} className="mt-8" data-print={first ? undefined : 'section'}>
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function countColumns<
  Row extends { counts: StatusCounts; onTimeRate: number | null },
>(): Column<Row>[] {
  return [
    { key: 'planned', header: 'Planned', nowrap: true, cell: (r) => total(r.counts) },
    ...REPORT_STATUSES.map((status): Column<Row> => ({
      key: status,
      header: REPORT_STATUS_LABELS[status],
      nowrap: true,
      cell: (r) =>
        r.counts[status] && isException(status) ? (
          <strong className="text-red-800">{r.counts[status]}</strong>
        ) : (
          r.counts[status]
        ),
    })),
    { key: 'rate', header: 'On-time rate', nowrap: true, cell: (r) => percent(r.onTimeRate) },
  ];
}

export function occurrenceColumns(timeZone: string): Column<ComplianceOccurrence>[] {
  return [
    {
      key: 'schedule',
      header: 'Schedule · period',
      primary: true,
      unclamped: true,
      cell: (o) => (
        <>
          <Link href={`/schedules/${o.scheduleId}`} className="text-brand-700 underline">
            {o.scheduleName}
          </Link>
          <span className="block text-xs text-slate-600">
            {o.periodLabel} · {formatDateTime(o.occurrenceAt, timeZone)}
          </span>
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      nowrap: true,
      cell: (o) => (
        <>
          <Badge tone={STATUS_TONES[o.status]}>{REPORT_STATUS_LABELS[o.status]}</Badge>
          {o.lateBySeconds !== null && (
            <span className="block text-xs text-amber-800">by {duration(o.lateBySeconds)}</span>
          )}
          {o.reason && (
            <span className="block max-w-56 text-xs whitespace-normal text-slate-600">
              {o.reason}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'task',
      header: 'Task · owner',
      cell: (o) => (
        <>
          {o.task ? (
            <Link
              href={`/tasks/${o.task.number}`}
              className="whitespace-nowrap text-brand-700 underline"
            >
              TASK-{o.task.number}
            </Link>
          ) : (
            '—'
          )}
          <span className="block text-xs text-slate-600">{o.owner?.name ?? 'No owner'}</span>
        </>
      ),
    },
    {
      key: 'completed',
      header: 'Completed',
      className: 'text-xs',
      cell: (o) =>
        o.task?.closedAt ? (
          <>
            {o.task.completedBy?.name ?? '—'}
            <span className="block text-slate-600">
              {formatDateTime(o.task.closedAt, timeZone)}
            </span>
          </>
        ) : (
          '—'
        ),
    },
    {
      key: 'findings',
      header: 'Findings',
      className: 'text-xs max-w-72',
      cell: (o) => (
        <>
          {o.task?.findings ?? o.task?.invalidReason ?? '—'}
          {o.task && o.task.attachmentCount > 0 && (
            <span className="block text-slate-600">
              {o.task.attachmentCount} attachment{o.task.attachmentCount === 1 ? '' : 's'}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'evidence',
      header: 'Review evidence',
      className: 'text-xs max-w-64',
      cell: (o) =>
        o.evidence ? (
          <>
            <code className="wrap-anywhere">{o.evidence.query}</code>
            <span className="block text-slate-600">
              {formatDateTime(o.evidence.windowStart, timeZone)} –{' '}
              {formatDateTime(o.evidence.windowEnd, timeZone)}
            </span>
            <span className="block text-slate-600">
              {o.evidence.error
                ? `Query failed: ${o.evidence.error}`
                : `${o.evidence.matchCount} events · SHA-256 ${o.evidence.sha256?.slice(0, 12)}…`}
            </span>
          </>
        ) : (
          '—'
        ),
    },
  ];
}

function policyColumns(): Column<PolicySummary>[] {
  return [
    {
      key: 'policy',
      header: 'Policy (version attached)',
      primary: true,
      unclamped: true,
      cell: (p) => (
        <>
          <Link href={`/policies/${p.policyId}`} className="text-brand-700 underline">
            {p.framework} {p.reference}
          </Link>{' '}
          <span className="text-xs text-slate-600">v{p.version}</span>
          <span className="block text-xs text-slate-700">{p.title}</span>
        </>
      ),
    },
    { key: 'schedules', header: 'Schedules', nowrap: true, cell: (p) => p.scheduleIds.length },
    ...countColumns<PolicySummary>(),
  ];
}

function scheduleColumns(): Column<ScheduleSummary>[] {
  return [
    {
      key: 'schedule',
      header: 'Schedule',
      primary: true,
      unclamped: true,
      cell: (s) => (
        <>
          <Link href={`/schedules/${s.scheduleId}`} className="text-brand-700 underline">
            {s.name}
          </Link>
          <span className="block text-xs text-slate-600">
            {[s.owner?.name ?? 'No owner', s.groupName, s.tags.join(', ')]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </>
      ),
    },
    ...countColumns<ScheduleSummary>(),
  ];
}

const incidentColumns: Column<IncidentMonth>[] = [
  { key: 'month', header: 'Month', nowrap: true, cell: (m) => m.month },
  {
    key: 'severity',
    header: 'Severity',
    nowrap: true,
    cell: (m) =>
      m.severity === 'all' ? (
        <strong>All</strong>
      ) : (
        m.severity[0].toUpperCase() + m.severity.slice(1)
      ),
  },
  { key: 'opened', header: 'Opened', nowrap: true, cell: (m) => m.opened },
  { key: 'closed', header: 'Closed', nowrap: true, cell: (m) => m.closed },
  {
    key: 'respondMean',
    header: 'Respond (mean)',
    nowrap: true,
    cell: (m) => duration(m.respondSecondsMean),
  },
  {
    key: 'respondP90',
    header: 'Respond (p90)',
    nowrap: true,
    cell: (m) => duration(m.respondSecondsP90),
  },
  {
    key: 'closeMean',
    header: 'Close (mean)',
    nowrap: true,
    cell: (m) => duration(m.closeSecondsMean),
  },
  {
    key: 'closeP90',
    header: 'Close (p90)',
    nowrap: true,
    cell: (m) => duration(m.closeSecondsP90),
  },
  {
    key: 'within',
    header: 'Within target',
    nowrap: true,
    cell: (m) => percent(m.withinTargetShare),
  },
];

function noticeColumns(timeZone: string): Column<NoticeRecord>[] {
  return [
    {
      key: 'incident',
      header: 'Incident · rule',
      primary: true,
      unclamped: true,
      cell: (n) => (
        <>
          <Link href={`/incidents/${n.incidentNumber}`} className="text-brand-700 underline">
            INC-{n.incidentNumber}
          </Link>{' '}
          {n.incidentTitle}
          <span className="block text-xs text-slate-600">
            {n.ruleName}
            {n.citation && ` (${n.citation})`}
          </span>
        </>
      ),
    },
    {
      key: 'decision',
      header: 'Decided',
      className: 'text-xs',
      cell: (n) => (
        <>
          {n.decidedBy || '—'} · {formatDateTime(n.decidedAt, timeZone)}
          <span className="block text-slate-600">{n.basis}</span>
        </>
      ),
    },
    {
      key: 'clock',
      header: 'Clock · deadline',
      className: 'text-xs',
      cell: (n) => (
        <>
          {formatDateTime(n.clockStartedAt, timeZone)}
          <span className="block">{formatDateTime(n.deadlineAt, timeZone)}</span>
        </>
      ),
    },
    {
      key: 'notified',
      header: 'Notified',
      className: 'text-xs',
      cell: (n) =>
        n.notifiedAt ? (
          <>
            {formatDateTime(n.notifiedAt, timeZone)} to {n.notifiedTo}
            {n.reference && <span className="block text-slate-600">Ref. {n.reference}</span>}
          </>
        ) : (
          'Not yet'
        ),
    },
    {
      key: 'onTime',
      header: 'On time',
      nowrap: true,
      cell: (n) =>
        n.onTime === null ? (
          <Badge tone="amber">Running</Badge>
        ) : n.onTime ? (
          <Badge tone="green">Yes</Badge>
        ) : (
          <Badge tone="red">No</Badge>
        ),
    },
  ];
}

/** Organization, range, filters, when and by whom: what each printed page's reader must know. */
export function ReportHeading({
  report,
  title,
  timeZone,
  extra,
}: {
  report: ComplianceReport;
  title: string;
  timeZone: string;
  extra?: ReactNode;
}) {
  const { params } = report;
  const filters = [
    report.policyLabel && `Policy: ${report.policyLabel}`,
    params.framework && `Framework: ${params.framework}`,
    params.tag && `Tag: ${params.tag}`,
    params.group && `Group: ${params.group}`,
  ].filter(Boolean);
  return (
    <header className="mb-6 border-b border-slate-200 pb-4">
      <p className="text-sm font-medium text-slate-600">{report.organization.name}</p>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Range</dt>
        <dd data-testid="report-range">
          {params.from} to {params.to} (days in {report.organization.timeZone})
        </dd>
        <dt className="font-medium">Filters</dt>
        <dd data-testid="report-filters">
          {filters.length ? filters.join(' · ') : 'None: every schedule'}
        </dd>
        <dt className="font-medium">Generated</dt>
        <dd>{formatDateTime(report.generatedAt, timeZone)}</dd>
        {extra}
      </dl>
    </header>
  );
}

export function ComplianceReportView({
  report,
  timeZone,
}: {
  report: ComplianceReport;
  timeZone: string;
}) {
  const totals = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const o of report.occurrences) totals[o.status] += 1;
  const exceptions = report.occurrences.filter((o) => isException(o.status));
  const columns = occurrenceColumns(timeZone);
  const key = (o: ComplianceOccurrence) => `${o.scheduleId}:${o.periodKey}`;
  return (
    <>
      <Section title="Summary" id="summary" first>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="report-summary">
          <div className="rounded-md bg-slate-50 p-3">
            <dt className="text-xs text-slate-600">Planned</dt>
            <dd className="text-xl font-semibold">{report.occurrences.length}</dd>
          </div>
          {REPORT_STATUSES.map((status) => (
            <div key={status} className="rounded-md bg-slate-50 p-3">
              <dt className="text-xs text-slate-600">{REPORT_STATUS_LABELS[status]}</dt>
              <dd
                className={`text-xl font-semibold ${totals[status] && isException(status) ? 'text-red-800' : ''}`}
              >
                {totals[status]}
              </dd>
            </div>
          ))}
          <div className="rounded-md bg-slate-50 p-3">
            <dt className="text-xs text-slate-600">On-time rate</dt>
            <dd className="text-xl font-semibold">{percent(onTimeRate(totals))}</dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-slate-600">
          On-time rate: completed on time among those due (on time, late, overdue, missed); invalid
          periods (with their reason) and open ones not yet due count neither way.
        </p>
      </Section>
      <Section title="Policies" id="policies">
        <DataTable
          caption="Per policy at the version attached, exceptions first"
          columns={policyColumns()}
          rows={report.policies}
          rowKey={(p) => `${p.policyId}@${p.version}`}
          empty="No schedule in this report is mapped to a policy."
        />
      </Section>
      <Section title="Schedules" id="schedules">
        <DataTable
          caption="Per schedule, exceptions first"
          columns={scheduleColumns()}
          rows={report.schedules}
          rowKey={(s) => s.scheduleId}
          empty="No schedule had an occurrence in this range."
        />
      </Section>
      <Section title={`Exceptions (${exceptions.length})`} id="exceptions">
        <DataTable
          caption="Occurrences late, overdue, invalid, missed or not recorded yet"
          columns={columns}
          rows={exceptions}
          rowKey={key}
          empty="No exceptions: every occurrence due was completed on time."
        />
      </Section>
      <Section title={`Every planned occurrence (${report.occurrences.length})`} id="occurrences">
        <DataTable
          caption="Every planned occurrence of every schedule in the range"
          columns={columns}
          rows={report.occurrences}
          rowKey={key}
          empty="No schedule had an occurrence in this range."
        />
      </Section>
      <Section title="Incidents by month" id="incidents">
        <DataTable
          caption={`Incidents by month (${report.organization.timeZone}) and severity`}
          columns={incidentColumns}
          rows={report.incidents}
          rowKey={(m) => `${m.month}:${m.severity}`}
          empty="No incident was opened or closed in this range."
        />
      </Section>
      <Section title="Regulator notices" id="notices">
        <DataTable
          caption="Notification records of incidents whose clock started in the range"
          columns={noticeColumns(timeZone)}
          rows={report.notices}
          rowKey={(n) => `${n.incidentId}:${n.ruleName}`}
          empty="No incident was marked notifiable with a clock starting in this range."
        />
      </Section>
    </>
  );
}
