import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import type { SchedulePeriodsPage } from '@/lib/schedules/get-schedule-periods';
import { PERIOD_STATUS_LABELS, type PeriodStatus } from '@/lib/schedules/task-outcome';
import { formatDateTime } from '@/lib/time/format';

export const PERIOD_STATUS_TONES: Record<
  PeriodStatus,
  'green' | 'amber' | 'red' | 'brand' | 'neutral'
> = {
  'on-time': 'green',
  late: 'amber',
  overdue: 'red',
  open: 'brand',
  invalid: 'neutral',
  missed: 'red',
};

type Period = SchedulePeriodsPage['rows'][number];

function columns(timeZone: string): Column<Period>[] {
  return [
    {
      key: 'period',
      header: 'Period',
      primary: true,
      cell: (p) => (
        <>
          {p.label}
          <span className="block text-xs text-slate-500">
            {formatDateTime(p.occurrenceAt, timeZone)}
          </span>
        </>
      ),
    },
    {
      key: 'outcome',
      header: 'Outcome',
      nowrap: true,
      cell: (p) => (
        <Badge tone={PERIOD_STATUS_TONES[p.status]}>{PERIOD_STATUS_LABELS[p.status]}</Badge>
      ),
    },
    {
      key: 'task',
      header: 'Task',
      cell: (p) =>
        p.task ? (
          <>
            {/* The title is the schedule's name and this period: the row says both already. */}
            <Link
              href={`/tasks/${p.task.number}`}
              className="whitespace-nowrap text-brand-700 underline"
              title={p.task.title}
            >
              TASK-{p.task.number}
            </Link>
            {p.task.generatedLate && (
              <span className="mt-0.5 block text-xs text-amber-800">
                <Badge tone="amber">Created late</Badge> {p.reason}
              </span>
            )}
          </>
        ) : (
          <span className="text-red-800">
            {p.reason || 'No reason recorded.'}
            <span className="block text-xs text-slate-500">
              Recorded {formatDateTime(p.recordedAt, timeZone)}
            </span>
          </span>
        ),
    },
    {
      key: 'dueClosed',
      header: 'Due · closed',
      className: 'text-xs text-slate-600',
      cell: (p) =>
        p.task ? (
          <>
            <span className="block">Due {formatDateTime(p.task.dueAt, timeZone)}</span>
            {p.task.closedAt && (
              <span className="block">Closed {formatDateTime(p.task.closedAt, timeZone)}</span>
            )}
          </>
        ) : (
          '—'
        ),
    },
  ];
}

/** The schedule's record, one row per period of its ledger, newest first. */
export function SchedulePeriodsTable({
  page,
  scheduleId,
  cursor,
  timeZone,
}: {
  page: SchedulePeriodsPage;
  scheduleId: string;
  cursor?: string;
  timeZone: string;
}) {
  return (
    <>
      <DataTable
        caption="Periods"
        label="Periods"
        columns={columns(timeZone)}
        rows={page.rows}
        rowKey={(p) => p.periodKey}
        framed={false}
        empty={<EmptyState title={cursor ? 'No older periods.' : 'No period has come due yet.'} />}
      />
      <Pagination
        label="Periods pages"
        firstHref={cursor ? `/schedules/${scheduleId}` : null}
        firstLabel="Newest periods"
        nextHref={
          page.nextCursor &&
          `/schedules/${scheduleId}?periods=${encodeURIComponent(page.nextCursor)}`
        }
        nextLabel="Older periods"
      />
    </>
  );
}
