import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { SchedulePeriodsPage } from '@/lib/schedules/get-schedule-periods';
import { PERIOD_STATUS_LABELS, type PeriodStatus } from '@/lib/schedules/task-outcome';
import { formatDateTime } from '@/lib/time/format';

export const PERIOD_STATUS_TONES: Record<PeriodStatus, 'green' | 'amber' | 'red' | 'brand' | 'neutral'> = {
  'on-time': 'green',
  late: 'amber',
  overdue: 'red',
  open: 'brand',
  invalid: 'neutral',
  missed: 'red',
};

/** The schedule's record, one row per period of its ledger, newest first. */
export function SchedulePeriodsTable({ page, scheduleId, cursor, timeZone }: { page: SchedulePeriodsPage; scheduleId: string; cursor?: string; timeZone: string }) {
  if (!page.rows.length) return <p className="text-sm text-slate-500">{cursor ? 'No older periods.' : 'No period has come due yet.'}</p>;
  return (
    <>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-label="Periods">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-1 pr-3">Period</th>
              <th className="py-1 pr-3">Outcome</th>
              <th className="py-1 pr-3">Task</th>
              <th className="py-1">Due · closed</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.map((p) => (
              <tr key={p.periodKey} className="align-top">
                <td className="py-1.5 pr-3">
                  {p.label}
                  <span className="block text-xs text-slate-500">{formatDateTime(p.occurrenceAt, timeZone)}</span>
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  <Badge tone={PERIOD_STATUS_TONES[p.status]}>{PERIOD_STATUS_LABELS[p.status]}</Badge>
                </td>
                <td className="py-1.5 pr-3">
                  {p.task ? (
                    <>
                      {/* The title is the schedule's name and this period: the row says both already. */}
                      <Link href={`/tasks/${p.task.number}`} className="whitespace-nowrap text-brand-700 underline" title={p.task.title}>
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
                      <span className="block text-xs text-slate-500">Recorded {formatDateTime(p.recordedAt, timeZone)}</span>
                    </span>
                  )}
                </td>
                <td className="py-1.5 text-xs text-slate-600">
                  {p.task ? (
                    <>
                      <span className="block">Due {formatDateTime(p.task.dueAt, timeZone)}</span>
                      {p.task.closedAt && <span className="block">Closed {formatDateTime(p.task.closedAt, timeZone)}</span>}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 flex gap-4 text-sm">
        {cursor && (
          <Link href={`/schedules/${scheduleId}`} className="text-brand-700 underline">
            Newest periods
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/schedules/${scheduleId}?periods=${encodeURIComponent(page.nextCursor)}`} className="text-brand-700 underline">
            Older periods
          </Link>
        )}
      </p>
    </>
  );
}
