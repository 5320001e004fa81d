import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActivityLog } from '@/components/activity/activity-log';
import { TriggerActions } from '@/components/triggers/trigger-actions';
import { TriggerRunsTable } from '@/components/triggers/trigger-runs-table';
import { TicketLayout } from '@/components/tickets/ticket-layout';
import { Alert } from '@/components/ui/alert';
import { ActiveBadge } from '@/components/ui/active-badge';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { checkEventQueryFields } from '@/lib/events/query/check';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { formatDateTime } from '@/lib/time/format';
import { intervalInWords, ruleInWords } from '@/lib/triggers/describe';
import { getTriggerExample } from '@/lib/triggers/examples';
import { getTrigger, getTriggerIncidents, getTriggerRuns } from '@/lib/triggers/get-triggers';
import { SETTLE_MS } from '@/lib/triggers/windows';
import { isUuid } from '@/lib/uuid';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; before?: string }>;
};

export const metadata: Metadata = { title: 'Trigger' };

export default async function TriggerPage({ params, searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const trigger = await getTrigger(db, id);
  if (!trigger) notFound();
  const { saved, before: beforeParam } = await searchParams;
  const before =
    typeof beforeParam === 'string' && !Number.isNaN(Date.parse(beforeParam))
      ? new Date(beforeParam)
      : null;
  const [runs, latest, incidents, activity, check] = await Promise.all([
    getTriggerRuns(db, trigger.id, { before }),
    getTriggerRuns(db, trigger.id, { limit: 1 }),
    getTriggerIncidents(db, trigger.id),
    getActivity(db, { entityType: 'trigger', entityId: trigger.id, limit: 100 }),
    checkEventQueryFields(db, trigger.query),
  ]);
  // A field no event has ever had: the query is valid but can never match.
  const warnings = check.ok ? check.warnings : [];
  const canManage = roleCan(user.role, 'triggers.manage');
  const tz = user.timeZone;
  const failing = latest.rows[0]?.outcome === 'failed' ? latest.rows[0] : null;
  const example = trigger.templateKey ? getTriggerExample(trigger.templateKey) : undefined;

  return (
    <>
      {saved && (
        <div className="mb-4">
          <Alert tone="success">Trigger saved.</Alert>
        </div>
      )}
      <PageHeader
        title={trigger.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ActiveBadge active={trigger.active} />
            <span>{ruleInWords(trigger)}</span>
          </span>
        }
        actions={canManage && <LinkButton href={`/triggers/${trigger.id}/edit`}>Edit</LinkButton>}
      />
      {failing && (
        <div className="mb-6">
          <Alert tone="error">
            <p className="font-semibold">
              Its query failed over its latest window ({formatDateTime(failing.windowFrom, tz)}):
              nothing was counted, so nothing could alert.
            </p>
            <p className="break-words">{failing.reason}</p>
            <p>Administrators were told. Fix the query (Edit); the next window uses it.</p>
          </Alert>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="mb-6">
          <Alert tone="warning">
            {warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </Alert>
        </div>
      )}
      <TicketLayout
        main={
          <>
            <Card title="Windows">
              <p className="mb-3 text-sm text-slate-600">
                Every window evaluated, newest first. Each is counted once, {SETTLE_MS / 60_000}{' '}
                minute after it ends so late events are in it; a window opens an incident when at
                least {trigger.threshold} event{trigger.threshold === 1 ? '' : 's'} match, or adds
                them to the incident it opened while that is open.
              </p>
              <TriggerRunsTable
                rows={runs.rows}
                query={trigger.query}
                timeZone={tz}
                firstHref={before ? `/triggers/${trigger.id}` : null}
                nextHref={
                  runs.nextBefore &&
                  `/triggers/${trigger.id}?before=${encodeURIComponent(runs.nextBefore.toISOString())}`
                }
              />
            </Card>
            <Card title="Incidents">
              {incidents.length ? (
                <ul className="divide-y divide-slate-100 text-sm">
                  {incidents.map((incident) => (
                    <li key={incident.id} className="flex flex-wrap items-baseline gap-2 py-2">
                      <Link
                        href={`/incidents/${incident.number}`}
                        className="font-medium text-brand-700 underline"
                      >
                        INC-{incident.number}
                      </Link>
                      <span className="min-w-0 flex-1 truncate">{incident.title}</span>
                      <Badge>
                        {STATE_LABELS[incident.state as keyof typeof STATE_LABELS] ??
                          incident.state}
                      </Badge>
                      <span className="text-xs text-slate-500">
                        {incident.windows} window{incident.windows === 1 ? '' : 's'}, last{' '}
                        {formatDateTime(incident.lastWindowTo, tz)}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">It has not opened an incident.</p>
              )}
            </Card>
            {trigger.description && (
              <Card title="Description">
                <p className="whitespace-pre-wrap text-sm text-slate-800">{trigger.description}</p>
              </Card>
            )}
            <Card title="Activity log">
              <ActivityLog rows={activity} timeZone={tz} />
            </Card>
          </>
        }
        aside={
          <>
            {canManage && (
              <Card title="Actions">
                <TriggerActions
                  triggerId={trigger.id}
                  version={trigger.version}
                  active={trigger.active}
                />
              </Card>
            )}
            <Card title="Details">
              <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
                <dt className="text-slate-500">Query</dt>
                <dd className="col-span-2 break-words font-mono text-xs">{trigger.query}</dd>
                <dt className="text-slate-500">Interval</dt>
                <dd className="col-span-2">{intervalInWords(trigger.intervalMinutes)}</dd>
                <dt className="text-slate-500">Threshold</dt>
                <dd className="col-span-2">
                  {trigger.threshold} event{trigger.threshold === 1 ? '' : 's'}
                </dd>
                <dt className="text-slate-500">Severity</dt>
                <dd className="col-span-2">{SEVERITY_LABELS[trigger.severity]}</dd>
                <dt className="text-slate-500">Owner</dt>
                <dd className="col-span-2">{trigger.ownerName ?? 'Unassigned'}</dd>
                <dt className="text-slate-500">Counted through</dt>
                <dd className="col-span-2">{formatDateTime(trigger.accountedThrough, tz)}</dd>
                <dt className="text-slate-500">Next run</dt>
                <dd className="col-span-2">
                  {trigger.active ? formatDateTime(trigger.nextRunAt, tz) : 'Paused'}
                </dd>
                {example && (
                  <>
                    <dt className="text-slate-500">Example</dt>
                    <dd className="col-span-2">{example.name}</dd>
                  </>
                )}
              </dl>
            </Card>
          </>
        }
      />
    </>
  );
}
