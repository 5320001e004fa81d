import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import type { Severity } from '@/db/schema';
import {
  OPEN_STATES,
  ON_TIME_DAYS,
  type Dashboard,
  type DashboardMonth,
  type MonthFigures,
} from '@/lib/dashboard/get-dashboard';
import {
  closedInMonthHref,
  complianceReportHref,
  openSeverityHref,
  openStateHref,
  overdueTasksHref,
  responseHref,
  tasksDueHref,
} from '@/lib/dashboard/links';
import { formatDuration } from '@/lib/incidents/response-target';
import { SEVERITIES, SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { CountBars, MonthLines, SEVERITY_COLOURS, ShareBars } from './charts';

// The organization's figures: each chart with its numbers in a table, each number a link to
// the list filtered to exactly what it counts.

const HOUR = 3_600_000;
const SEVERITIES_DOWN = [...SEVERITIES].reverse();
const TH = 'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600';
const TD = 'px-3 py-1.5 tabular-nums';
const LINK = 'text-brand-700 underline hover:text-brand-900';

const number = (n: number) => n.toLocaleString('en-US');
const percent = (share: number | null) =>
  share === null ? '—' : `${(share * 100).toFixed(share === 1 ? 0 : 1)} %`;
const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 10) / 10);
const monthLabel = (month: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

function Figure({
  label,
  value,
  href,
  alert,
  testId,
}: {
  label: string;
  value: ReactNode;
  href: string;
  alert?: boolean;
  testId: string;
}) {
  return (
    <div className="rounded-md border border-slate-200 px-4 py-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">
        <Link
          href={href}
          data-testid={testId}
          className={alert ? 'text-red-700 underline' : LINK}
          aria-label={`${value} ${label.toLowerCase()}`}
        >
          {value}
        </Link>
      </dd>
    </div>
  );
}

function CountTable({
  caption,
  heading,
  rows,
  testId,
}: {
  caption: string;
  heading: string;
  rows: { key: string; label: string; value: number; href: string }[];
  testId: string;
}) {
  return (
    <table className="mt-3 w-full text-sm" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50">
        <tr>
          <th scope="col" className={TH}>
            {heading}
          </th>
          <th scope="col" className={`${TH} text-right`}>
            Open
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="px-3 py-1.5 text-left font-normal">
              {row.label}
            </th>
            <td className={`${TD} text-right`}>
              <Link
                href={row.href}
                className={LINK}
                aria-label={`${number(row.value)} open, ${row.label}`}
              >
                {number(row.value)}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MonthTable({
  caption,
  testId,
  months,
  cell,
  data,
}: {
  caption: string;
  testId: string;
  months: DashboardMonth[];
  cell: (figures: MonthFigures) => string;
  data: Dashboard;
}) {
  const columns: { key: Severity | 'all'; label: string }[] = [
    ...SEVERITIES_DOWN.map((s) => ({ key: s, label: SEVERITY_LABELS[s] })),
    { key: 'all', label: 'All' },
  ];
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="px-3 pb-2 text-left text-xs text-slate-600">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={TH}>
              Month closed
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`${TH} text-right`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                {monthLabel(m.month)}
              </th>
              {columns.map((c) => {
                const figures = c.key === 'all' ? m.all : m.bySeverity[c.key];
                const text = cell(figures);
                return (
                  <td key={c.key} className={`${TD} text-right whitespace-nowrap`}>
                    {figures.closed ? (
                      <Link
                        href={closedInMonthHref(
                          data.scope,
                          m,
                          c.key === 'all' ? undefined : c.key,
                          data.timeZone,
                        )}
                        className={LINK}
                        aria-label={`${text}, ${c.label}, ${monthLabel(m.month)}: ${number(figures.closed)} closed`}
                      >
                        {text}
                      </Link>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardOverview({ data }: { data: Dashboard }) {
  const { scope, timeZone } = data;
  const severityRows = SEVERITIES_DOWN.map((s) => ({
    key: s,
    label: SEVERITY_LABELS[s],
    value: data.open.bySeverity[s],
    href: openSeverityHref(scope, s),
  }));
  const stateRows = OPEN_STATES.map((s) => ({
    key: s,
    label: STATE_LABELS[s],
    value: data.open.byState[s],
    href: openStateHref(scope, s),
  }));
  const series = SEVERITIES_DOWN.map((s) => ({
    key: s,
    name: SEVERITY_LABELS[s],
    colour: SEVERITY_COLOURS[s],
  }));
  const line = (pick: (f: MonthFigures) => number | null) =>
    data.months.map((m) => ({
      month: monthLabel(m.month),
      ...Object.fromEntries(SEVERITIES.map((s) => [s, hours(pick(m.bySeverity[s]))])),
    }));
  const rate = data.onTime.rate;
  const counts = data.onTime.counts;
  return (
    <div className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card title="Open incidents by severity">
          <CountBars
            testId="chart-open-severity"
            name="Open"
            data={severityRows.map((r) => ({ label: r.label, value: r.value }))}
          />
          <CountTable
            testId="open-by-severity"
            caption="Open incidents by severity"
            heading="Severity"
            rows={severityRows}
          />
        </Card>
        <Card title="Open incidents by state">
          <CountBars
            testId="chart-open-state"
            name="Open"
            data={stateRows.map((r) => ({ label: r.label, value: r.value }))}
          />
          <CountTable
            testId="open-by-state"
            caption="Open incidents by state"
            heading="State"
            rows={stateRows}
          />
        </Card>
      </div>

      <Card title="Response targets, tasks and schedules">
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <Figure
            label="Past their response target"
            value={number(data.response.breached)}
            href={responseHref(scope, 'breached')}
            alert={data.response.breached > 0}
            testId="figure-breached"
          />
          <Figure
            label="At risk of missing it"
            value={number(data.response.atRisk)}
            href={responseHref(scope, 'at-risk')}
            testId="figure-at-risk"
          />
          <Figure
            label="Overdue tasks"
            value={number(data.tasks.overdue)}
            href={overdueTasksHref(scope)}
            alert={data.tasks.overdue > 0}
            testId="figure-overdue-tasks"
          />
          <Figure
            label="Open tasks due this week"
            value={number(data.tasks.dueThisWeek)}
            href={tasksDueHref(scope, data.tasks.week, timeZone)}
            testId="figure-due-this-week"
          />
          <Figure
            label={`Schedules on time, last ${ON_TIME_DAYS} days`}
            value={rate === null ? '—' : percent(rate)}
            href={complianceReportHref(data.onTime.fromDay, data.onTime.toDay)}
            testId="figure-on-time"
          />
        </dl>
        <p className="mt-3 text-sm text-slate-600" data-testid="on-time-counts">
          From {data.onTime.fromDay} to {data.onTime.toDay}: {number(counts['on-time'])} on time,{' '}
          {number(counts.late)} late, {number(counts.overdue)} overdue, {number(counts.missed)}{' '}
          missed; {number(counts.invalid)} invalid and {number(counts.open)} not yet due count
          neither way.
        </p>
      </Card>

      <Card title="Time to respond, by month closed">
        <MonthLines
          testId="chart-respond"
          data={line((f) => f.meanRespondMs)}
          series={series}
          unit=" h"
        />
        <MonthTable
          testId="months-respond"
          caption={`Mean time from opening to first response of the incidents closed each month (${timeZone} months)`}
          months={data.months}
          data={data}
          cell={(f) => duration(f.meanRespondMs)}
        />
      </Card>
      <Card title="Time to close, by month closed">
        <MonthLines
          testId="chart-close"
          data={line((f) => f.meanCloseMs)}
          series={series}
          unit=" h"
        />
        <MonthTable
          testId="months-close"
          caption={`Mean time from opening to closing of the incidents closed each month (${timeZone} months)`}
          months={data.months}
          data={data}
          cell={(f) => duration(f.meanCloseMs)}
        />
      </Card>
      <Card title="Share within response target, by month closed">
        <ShareBars
          testId="chart-within-target"
          data={data.months.map((m) => ({
            month: monthLabel(m.month),
            share:
              m.all.withinTargetShare === null
                ? null
                : Math.round(m.all.withinTargetShare * 1000) / 10,
          }))}
        />
        <MonthTable
          testId="months-within-target"
          caption="Share of the incidents closed each month that were answered by their response target, and how many closed"
          months={data.months}
          data={data}
          cell={(f) => (f.closed ? `${percent(f.withinTargetShare)} of ${number(f.closed)}` : '—')}
        />
      </Card>
    </div>
  );
}
