import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActivityLog } from '@/components/activity/activity-log';
import { ScheduleActions } from '@/components/schedules/schedule-actions';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { NEXT_STEPS } from '@/lib/library/copy-templates';
import { getScheduleDetail, OUTCOME_LABELS, type TaskOutcome } from '@/lib/schedules/get-schedule-detail';
import { formatDateTime } from '@/lib/time/format';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; copied?: string }> };

export const metadata: Metadata = { title: 'Task schedule' };

const OUTCOME_TONES: Record<TaskOutcome, 'green' | 'amber' | 'red' | 'brand' | 'neutral'> = {
  'on-time': 'green',
  late: 'amber',
  overdue: 'red',
  open: 'brand',
  invalid: 'neutral',
};

export default async function SchedulePage({ params, searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const db = getDb();
  const detail = await getScheduleDetail(db, id);
  if (!detail) notFound();
  const { saved } = await searchParams;
  const { schedule } = detail;
  const activity = await getActivity(db, { entityType: 'schedule', entityId: schedule.id, limit: 100 });
  const canManage = roleCan(user.role, 'schedules.manage');
  const tz = user.timeZone;
  // A library copy nobody has edited yet still needs tailoring.
  const fresh = schedule.templateKey && schedule.version === 1;

  return (
    <>
      {saved && (
        <div className="mb-4">
          <Alert tone="success">Schedule saved.</Alert>
        </div>
      )}
      <PageHeader
        title={schedule.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {schedule.active ? <Badge tone="green">Active</Badge> : <Badge tone="amber">Paused</Badge>}
            <span data-testid="recurrence">{detail.recurrenceText}</span>
          </span>
        }
        actions={
          canManage && (
            <Link href={`/schedules/${schedule.id}/edit`} className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-100">
              Edit
            </Link>
          )
        }
      />
      {schedule.active && schedule.generationFailures > 0 && (
        <div className="mb-6">
          <Alert tone="error">
            Generating this schedule&apos;s next task has failed {schedule.generationFailures}{' '}
            {schedule.generationFailures === 1 ? 'time' : 'times'}: {schedule.lastGenerationError}. The worker keeps retrying; after 10 failures the
            period is recorded as missed and administrators are told.
          </Alert>
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
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Record">
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="schedule-record">
              {(Object.keys(OUTCOME_LABELS) as TaskOutcome[]).map((outcome) => (
                <div key={outcome} className="rounded-md bg-slate-50 p-3">
                  <dt className="text-xs text-slate-500">{OUTCOME_LABELS[outcome]}</dt>
                  <dd className="text-xl font-semibold">{detail.record[outcome]}</dd>
                </div>
              ))}
            </dl>
          </Card>
          <Card title={`Generated tasks (${detail.tasks.length})`}>
            {detail.tasks.length === 0 ? (
              <p className="text-sm text-slate-500">No tasks yet.</p>
            ) : (
              <table className="min-w-full text-sm" aria-label="Generated tasks">
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="py-1 pr-3">Task</th>
                    <th className="py-1 pr-3">Occurrence</th>
                    <th className="py-1 pr-3">Due</th>
                    <th className="py-1 pr-3">Closed</th>
                    <th className="py-1">Outcome</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {detail.tasks.map((t) => (
                    <tr key={t.id}>
                      <td className="py-1.5 pr-3">
                        <Link href={`/tasks/${t.number}`} className="text-brand-700 underline">
                          TASK-{t.number}
                        </Link>{' '}
                        {t.title}
                        {t.generatedLate && (
                          <>
                            {' '}
                            <Badge tone="amber">Generated late</Badge>
                          </>
                        )}
                      </td>
                      <td className="py-1.5 pr-3">{formatDateTime(t.occurrenceAt, tz)}</td>
                      <td className="py-1.5 pr-3">{formatDateTime(t.dueAt, tz)}</td>
                      <td className="py-1.5 pr-3">{formatDateTime(t.closedAt, tz)}</td>
                      <td className="py-1.5">
                        <Badge tone={OUTCOME_TONES[t.outcome]}>{OUTCOME_LABELS[t.outcome]}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card title="Description">
            {schedule.description ? <Markdown>{schedule.description}</Markdown> : <p className="text-sm text-slate-500">No description.</p>}
          </Card>
          <Card title="Activity log">
            <ActivityLog rows={activity} timeZone={tz} />
          </Card>
        </div>
        <div className="space-y-6">
          {canManage && (
            <Card title="Actions">
              <ScheduleActions scheduleId={schedule.id} version={schedule.version} active={schedule.active} />
            </Card>
          )}
          <Card title="Details">
            <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
              <dt className="text-slate-500">Owner</dt>
              <dd className="col-span-2">{detail.ownerName}</dd>
              <dt className="text-slate-500">Due</dt>
              <dd className="col-span-2">{schedule.dueInDays} days after each occurrence</dd>
              <dt className="text-slate-500">Starts</dt>
              <dd className="col-span-2">{schedule.startDate}</dd>
              <dt className="text-slate-500">Ends</dt>
              <dd className="col-span-2">{schedule.endDate ?? 'Never'}</dd>
              <dt className="text-slate-500">Watchers</dt>
              <dd className="col-span-2">
                {detail.watchers.length ? detail.watchers.map((w) => `${w.name} (${w.frequency === 'all' ? 'all' : 'opened and closed'})`).join(', ') : '—'}
              </dd>
              <dt className="text-slate-500">Policies</dt>
              <dd className="col-span-2">{detail.policies.length ? detail.policies.map((p) => `${p.framework} ${p.reference}`).join(', ') : '—'}</dd>
              <dt className="text-slate-500">Tags</dt>
              <dd className="col-span-2">{schedule.tags.length ? schedule.tags.join(', ') : '—'}</dd>
              <dt className="text-slate-500">Group</dt>
              <dd className="col-span-2">{schedule.groupName || '—'}</dd>
              <dt className="text-slate-500">Query</dt>
              <dd className="col-span-2 break-words font-mono text-xs">{schedule.query || '—'}</dd>
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
              <p className="text-sm text-slate-500">{schedule.active ? 'None: the schedule has ended.' : 'None while paused.'}</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
