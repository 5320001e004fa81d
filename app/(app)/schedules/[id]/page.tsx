import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActivityLog } from '@/components/activity/activity-log';
import { ScheduleCalendarFeedCard } from '@/components/calendar/calendar-feed-cards';
import {
  OwnerFallbackAlert,
  OwnerFallbackBadge,
} from '@/components/schedules/owner-fallback-notice';
import { ScheduleActions } from '@/components/schedules/schedule-actions';
import { SchedulePeriodsTable } from '@/components/schedules/schedule-periods-table';
import { TicketLayout } from '@/components/tickets/ticket-layout';
import { Alert } from '@/components/ui/alert';
import { ActiveBadge } from '@/components/ui/active-badge';
import { Card } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { NEXT_STEPS } from '@/lib/library/copy-templates';
import { getScheduleDetail } from '@/lib/schedules/get-schedule-detail';
import { getSchedulePeriods } from '@/lib/schedules/get-schedule-periods';
import { scheduleQueryWarnings } from '@/lib/schedules/query-warnings';
import { PERIOD_STATUS_LABELS, PERIOD_STATUSES } from '@/lib/schedules/task-outcome';
import { formatDateTime } from '@/lib/time/format';
import { isUuid } from '@/lib/uuid';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; copied?: string; periods?: string }>;
};

export const metadata: Metadata = { title: 'Task schedule' };

export default async function SchedulePage({ params, searchParams }: Props) {
  const { user, actor } = await requirePermission('tickets.view');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const detail = await getScheduleDetail(db, id);
  if (!detail) notFound();
  const { saved, periods: periodsCursor } = await searchParams;
  const { schedule } = detail;
  const [activity, periods, queryWarnings] = await Promise.all([
    getActivity(db, { entityType: 'schedule', entityId: schedule.id, limit: 100 }),
    getSchedulePeriods(db, schedule.id, { cursor: periodsCursor }),
    saved ? scheduleQueryWarnings(db, schedule.query) : [],
  ]);
  const canManage = roleCan(user.role, 'schedules.manage');
  const tz = user.timeZone;
  // A library copy nobody has edited yet still needs tailoring.
  const fresh = schedule.templateKey && schedule.version === 1;

  return (
    <>
      {saved && (
        <div className="mb-4 space-y-2">
          <Alert tone="success">Schedule saved.</Alert>
          {queryWarnings.length > 0 && (
            <Alert tone="warning">
              <p className="font-semibold">Check the event query</p>
              <ul className="mt-1 list-disc pl-5">
                {queryWarnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </Alert>
          )}
        </div>
      )}
      <PageHeader
        title={schedule.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ActiveBadge active={schedule.active} />
            <span data-testid="recurrence">{detail.recurrenceText}</span>
          </span>
        }
        actions={
          canManage && (
            <Link
              href={`/schedules/${schedule.id}/edit`}
              className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-100"
            >
              Edit
            </Link>
          )
        }
      />
      {(detail.ownerFallback || detail.generationError) && (
        <div className="mb-6 space-y-3">
          {detail.ownerFallback && (
            <OwnerFallbackAlert {...detail.ownerFallback} canManage={canManage} />
          )}
          {detail.generationError && (
            <Alert tone="error">
              <p className="font-semibold">
                Generating the next period failed{' '}
                {detail.generationError.failures === 1
                  ? 'once'
                  : `${detail.generationError.failures} times in a row`}
              </p>
              <p className="break-words">Last error: {detail.generationError.message}</p>
              <p>
                Vigil keeps retrying; either way the period will appear below, as a late task or as
                missed, with the reason.
              </p>
            </Alert>
          )}
        </div>
      )}
      {fresh && (
        <div className="mb-6">
          <Alert tone="info">
            <p className="font-semibold">Copied from the library. Recommended next steps:</p>
            <ol className="mt-1 list-decimal pl-5">
              {NEXT_STEPS.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </Alert>
        </div>
      )}
      <TicketLayout
        main={
          <>
            <Card title="Record">
              <dl
                className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-6"
                data-testid="schedule-record"
              >
                {PERIOD_STATUSES.map((status) => (
                  <div key={status} className="rounded-md bg-slate-50 p-3">
                    <dt className="text-xs text-slate-500">{PERIOD_STATUS_LABELS[status]}</dt>
                    <dd
                      className={`text-xl font-semibold ${status === 'missed' && detail.record.missed ? 'text-red-700' : ''}`}
                    >
                      {detail.record[status]}
                    </dd>
                  </div>
                ))}
              </dl>
            </Card>
            <Card title="Periods">
              <p className="mb-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
                <span>
                  Every period the schedule owed, newest first: its task, or why it was missed.
                </span>
                <a
                  href={`/schedules/${schedule.id}/periods.csv`}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100"
                  download
                >
                  Download periods (CSV)
                </a>
              </p>
              <SchedulePeriodsTable
                page={periods}
                scheduleId={schedule.id}
                cursor={periodsCursor}
                timeZone={tz}
              />
            </Card>
            <Card title="Description">
              {schedule.description ? (
                <Markdown>{schedule.description}</Markdown>
              ) : (
                <p className="text-sm text-slate-500">No description.</p>
              )}
            </Card>
            <Card title="Activity log">
              <ActivityLog rows={activity} timeZone={tz} />
            </Card>
          </>
        }
        aside={
          <>
            {canManage && (
              <Card title="Actions">
                <ScheduleActions
                  scheduleId={schedule.id}
                  version={schedule.version}
                  active={schedule.active}
                />
              </Card>
            )}
            <Card title="Details">
              <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
                <dt className="text-slate-500">Owner</dt>
                <dd className="col-span-2">
                  {detail.ownerName}
                  {detail.ownerFallback && (
                    <span className="mt-1 block">
                      <OwnerFallbackBadge tasksGoTo={detail.ownerFallback.tasksGoTo} />
                    </span>
                  )}
                </dd>
                <dt className="text-slate-500">Due</dt>
                <dd className="col-span-2">{schedule.dueInDays} days after each occurrence</dd>
                <dt className="text-slate-500">Starts</dt>
                <dd className="col-span-2">{schedule.startDate}</dd>
                <dt className="text-slate-500">Ends</dt>
                <dd className="col-span-2">{schedule.endDate ?? 'Never'}</dd>
                <dt className="text-slate-500">Watchers</dt>
                <dd className="col-span-2">
                  {detail.watchers.length
                    ? detail.watchers
                        .map(
                          (w) =>
                            `${w.name} (${w.frequency === 'all' ? 'all' : 'opened and closed'})`,
                        )
                        .join(', ')
                    : '—'}
                </dd>
                <dt className="text-slate-500">Policies</dt>
                <dd className="col-span-2">
                  {detail.policies.length
                    ? detail.policies.map((p) => `${p.framework} ${p.reference}`).join(', ')
                    : '—'}
                </dd>
                <dt className="text-slate-500">Tags</dt>
                <dd className="col-span-2">
                  {schedule.tags.length ? schedule.tags.join(', ') : '—'}
                </dd>
                <dt className="text-slate-500">Group</dt>
                <dd className="col-span-2">{schedule.groupName || '—'}</dd>
                <dt className="text-slate-500">Query</dt>
                <dd className="col-span-2 break-words font-mono text-xs">
                  {schedule.query || '—'}
                </dd>
                {schedule.templateKey && (
                  <>
                    <dt className="text-slate-500">From library</dt>
                    <dd className="col-span-2">
                      {schedule.templateKey} (version {schedule.templateVersion})
                    </dd>
                  </>
                )}
              </dl>
            </Card>
            <Card title="Next occurrences">
              {detail.nextOccurrences.length ? (
                <ol className="list-decimal pl-5 text-sm">
                  {detail.nextOccurrences.map((d) => (
                    <li key={d.toISOString()}>{formatDateTime(d, schedule.timeZone)}</li>
                  ))}
                </ol>
              ) : (
                <p className="text-sm text-slate-500">
                  {schedule.active ? 'None: the schedule has ended.' : 'None while paused.'}
                </p>
              )}
            </Card>
            <ScheduleCalendarFeedCard schedule={schedule} actor={actor} />
          </>
        }
      />
    </>
  );
}
