import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityLog } from '@/components/activity/activity-log';
import { AttachmentUpload } from '@/components/incidents/attachment-upload';
import { LinkForm, UnlinkButton } from '@/components/incidents/link-form';
import { NoteForm } from '@/components/notes/note-form';
import { ResponseClockBadge } from '@/components/incidents/response-clock-badge';
import { SeverityBadge } from '@/components/incidents/severity-badge';
import { StateForm } from '@/components/incidents/state-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { incidentNumberLabel, SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { getOrganization } from '@/lib/organization/get-organization';
import { formatBytes } from '@/lib/format-bytes';
import { formatDateTime } from '@/lib/time/format';
import { addNoteAction } from '../actions';
import { loadIncident } from './load-incident';

type Props = { params: Promise<{ number: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `INC-${(await params).number.replace(/^inc-/i, '')}` };
}

export default async function IncidentPage({ params, searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const incident = await loadIncident((await params).number);
  const { created } = await searchParams;
  // "created" holds the version the new incident had: once it changed, the banner is old news.
  const justCreated = created !== undefined && Number(created) === incident.version;
  const db = getDb();
  const [activity, organization] = await Promise.all([
    getActivity(db, { entityType: 'incident', entityId: incident.id, limit: 200 }),
    justCreated ? getOrganization(db) : undefined,
  ]);
  const canWork = roleCan(user.role, 'tickets.work');
  const tz = user.timeZone;
  const label = incidentNumberLabel(incident.number);
  const urgent = incident.severity === 'medium' || incident.severity === 'high';

  return (
    <>
      {justCreated && (
        <div className="mb-4 space-y-2">
          <Alert tone="success">
            {label} is open in Triage. Its owner and watchers are being notified.
          </Alert>
          {urgent && organization && (organization.onCallInstructions || organization.onCallPhone) && (
            <Alert tone="warning">
              <p className="font-semibold">This is a {SEVERITY_LABELS[incident.severity]} incident: reach the on-call engineer now.</p>
              {organization.onCallInstructions && <p className="mt-1">{organization.onCallInstructions}</p>}
              {organization.onCallPhone && (
                <p className="mt-1">
                  Call <a href={`tel:${organization.onCallPhone.replace(/[^+\d]/g, '')}`} className="font-semibold underline">{organization.onCallPhone}</a>
                </p>
              )}
            </Alert>
          )}
        </div>
      )}
      <PageHeader
        title={`${label} · ${incident.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={incident.state === 'closed' ? 'neutral' : 'brand'}>{STATE_LABELS[incident.state]}</Badge>
            <SeverityBadge severity={incident.severity} />
            <ResponseClockBadge incident={incident} now={new Date()} />
            {incident.dedupeCount > 0 && <Badge tone="amber">Alert repeated {incident.dedupeCount}×</Badge>}
          </span>
        }
        actions={
          canWork && (
            <Link href={`/incidents/${incident.number}/edit`} className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-100">
              Edit
            </Link>
          )
        }
      />
      <nav aria-label="Sections of this incident" className="mb-4 flex gap-4 text-sm">
        {['details', 'notes', 'attachments', 'links', 'activity'].map((section) => (
          <a key={section} href={`#${section}`} className="capitalize text-brand-700 underline">
            {section}
          </a>
        ))}
      </nav>
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Description">
            <div id="details">{incident.description ? <Markdown>{incident.description}</Markdown> : <p className="text-sm text-slate-500">No description.</p>}</div>
          </Card>
          <Card title={`Notes (${incident.notes.length})`}>
            <div id="notes" className="space-y-4">
              {incident.notes.map((note) => (
                <article key={note.id} className="border-b border-slate-100 pb-3">
                  <header className="mb-1 text-xs text-slate-500">
                    <span className="font-medium text-slate-700">{note.authorLabel.replace(/ <.*>$/, '')}</span> ·{' '}
                    {formatDateTime(note.createdAt, tz)}
                    {note.editedAt && ` · edited ${formatDateTime(note.editedAt, tz)}`}
                  </header>
                  <Markdown>{note.body}</Markdown>
                </article>
              ))}
              {canWork && <NoteForm action={addNoteAction.bind(null, incident.id)} />}
            </div>
          </Card>
          <Card title="Activity log">
            <div id="activity">
              <a href={`/incidents/${incident.number}/activity.csv`} className="mb-3 inline-block text-sm text-brand-700 underline" download>
                Download the activity log (CSV)
              </a>
              <ActivityLog rows={activity} timeZone={tz} />
            </div>
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Details">
            <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
              <dt className="text-slate-500">Owner</dt>
              <dd className="col-span-2">{incident.owner ? `${incident.owner.name}${incident.owner.type === 'team' ? ' (team)' : ''}` : 'Unassigned'}</dd>
              <dt className="text-slate-500">Due</dt>
              <dd className="col-span-2">{formatDateTime(incident.dueAt, tz)}</dd>
              <dt className="text-slate-500">Respond by</dt>
              <dd className="col-span-2">{formatDateTime(incident.responseDueAt, tz)}</dd>
              <dt className="text-slate-500">Responded</dt>
              <dd className="col-span-2">{formatDateTime(incident.respondedAt, tz)}</dd>
              <dt className="text-slate-500">Created</dt>
              <dd className="col-span-2">
                {formatDateTime(incident.createdAt, tz)} by {incident.createdByName ?? 'Vigil'} ({incident.source})
              </dd>
              {incident.closedAt && (
                <>
                  <dt className="text-slate-500">Closed</dt>
                  <dd className="col-span-2">{formatDateTime(incident.closedAt, tz)}</dd>
                </>
              )}
              <dt className="text-slate-500">Watchers</dt>
              <dd className="col-span-2">
                {incident.watchers.length
                  ? incident.watchers.map((w) => `${w.name} (${w.frequency === 'all' ? 'all' : 'opened and closed'})`).join(', ')
                  : '—'}
              </dd>
              <dt className="text-slate-500">Policies</dt>
              <dd className="col-span-2">{incident.policies.length ? incident.policies.map((p) => `${p.framework} ${p.reference}`).join(', ') : '—'}</dd>
            </dl>
          </Card>
          {canWork && (
            <Card title="State">
              {/* Keyed by version: after any change the panel is drawn afresh for the new state. */}
              <StateForm key={incident.version} incidentId={incident.id} state={incident.state} version={incident.version} />
            </Card>
          )}
          <Card title={`Attachments (${incident.attachments.length})`}>
            <div id="attachments" className="space-y-3">
              <ul className="space-y-1 text-sm">
                {incident.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/incidents/${incident.number}/attachments/${a.id}`} className="text-brand-700 underline" download>
                      {a.fileName}
                    </a>{' '}
                    <span className="text-xs text-slate-500">
                      {a.contentType}, {formatBytes(a.sizeBytes)}
                    </span>
                  </li>
                ))}
              </ul>
              {canWork && <AttachmentUpload incidentNumber={incident.number} />}
            </div>
          </Card>
          <Card title={`Links (${incident.links.length})`}>
            <div id="links" className="space-y-3">
              <ul className="space-y-1 text-sm">
                {incident.links.map((link) => (
                  <li key={link.id} className="flex items-center justify-between gap-2">
                    <span>
                      {link.relation}{' '}
                      <Link href={`/incidents/${link.number}`} className="text-brand-700 underline">
                        {incidentNumberLabel(link.number)}
                      </Link>{' '}
                      {link.title}
                    </span>
                    {canWork && <UnlinkButton incidentId={incident.id} linkId={link.id} />}
                  </li>
                ))}
              </ul>
              {canWork && <LinkForm incidentId={incident.id} />}
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
