import type { Metadata } from 'next';
import Link from 'next/link';
import { EventEvidenceSection } from '@/components/incidents/event-evidence-section';
import { LinkForm, UnlinkButton } from '@/components/incidents/link-form';
import { ResponseClockBadge } from '@/components/incidents/response-clock-badge';
import { SeverityBadge } from '@/components/incidents/severity-badge';
import { StateForm } from '@/components/incidents/state-form';
import { IncidentNoticeSection } from '@/components/notice-clocks/incident-notice-section';
import { ActivitySection } from '@/components/tickets/activity-section';
import { AttachmentsSection } from '@/components/tickets/attachments-section';
import { DescriptionSection } from '@/components/tickets/description-section';
import { DetailRow, DetailsSection } from '@/components/tickets/details-section';
import { NotesSection } from '@/components/tickets/notes-section';
import { TicketHeader } from '@/components/tickets/ticket-header';
import { TicketLayout } from '@/components/tickets/ticket-layout';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getIncidentEvents } from '@/lib/incidents/event-evidence';
import { recordIncidentView } from '@/lib/incidents/recent-views';
import { incidentNumberLabel, SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { getOrganization } from '@/lib/organization/get-organization';
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
  const [activity, organization, evidence] = await Promise.all([
    getActivity(db, { entityType: 'incident', entityId: incident.id, limit: 200 }),
    justCreated ? getOrganization(db) : undefined,
    getIncidentEvents(db, incident.id),
    recordIncidentView(db, user.id, incident.id),
  ]);
  const canWork = roleCan(user.role, 'tickets.work');
  const tz = user.timeZone;
  const label = incidentNumberLabel(incident.number);
  const basePath = `/incidents/${incident.number}`;
  const urgent = incident.severity === 'medium' || incident.severity === 'high';

  return (
    <>
      {justCreated && (
        <div className="mb-4 space-y-2">
          <Alert tone="success">
            {label} is open in Triage. Its owner and watchers are being notified.
          </Alert>
          {urgent &&
            organization &&
            (organization.onCallInstructions || organization.onCallPhone) && (
              <Alert tone="warning">
                <p className="font-semibold">
                  This is a {SEVERITY_LABELS[incident.severity]} incident: reach the on-call
                  engineer now.
                </p>
                {organization.onCallInstructions && (
                  <p className="mt-1">{organization.onCallInstructions}</p>
                )}
                {organization.onCallPhone && (
                  <p className="mt-1">
                    Call{' '}
                    <a
                      href={`tel:${organization.onCallPhone.replace(/[^+\d]/g, '')}`}
                      className="font-semibold underline"
                    >
                      {organization.onCallPhone}
                    </a>
                  </p>
                )}
              </Alert>
            )}
        </div>
      )}
      <TicketHeader
        title={`${label} · ${incident.title}`}
        badges={
          <>
            <Badge tone={incident.state === 'closed' ? 'neutral' : 'brand'}>
              {STATE_LABELS[incident.state]}
            </Badge>
            <SeverityBadge severity={incident.severity} />
            <ResponseClockBadge incident={incident} now={new Date()} />
            {incident.dedupeCount > 0 && (
              <Badge tone="amber">Alert repeated {incident.dedupeCount}×</Badge>
            )}
          </>
        }
        editHref={canWork ? `${basePath}/edit` : undefined}
      />
      <nav aria-label="Sections of this incident" className="mb-4 flex gap-4 text-sm">
        {['details', 'events', 'notes', 'attachments', 'links', 'activity'].map((section) => (
          <a key={section} href={`#${section}`} className="capitalize text-brand-700 underline">
            {section}
          </a>
        ))}
      </nav>
      <TicketLayout
        main={
          <>
            <DescriptionSection id="details" description={incident.description} />
            <IncidentNoticeSection
              incidentId={incident.id}
              basePath={basePath}
              attachments={incident.attachments}
              timeZone={tz}
              canWork={canWork}
            />
            <EventEvidenceSection rows={evidence} timeZone={tz} />
            <NotesSection
              notes={incident.notes}
              timeZone={tz}
              addNote={canWork ? addNoteAction.bind(null, incident.id) : undefined}
            />
            <ActivitySection basePath={basePath} rows={activity} timeZone={tz} />
          </>
        }
        aside={
          <>
            <DetailsSection
              ticket={incident}
              timeZone={tz}
              source={incident.source}
              timing={
                <>
                  <DetailRow term="Respond by">
                    {formatDateTime(incident.responseDueAt, tz)}
                  </DetailRow>
                  <DetailRow term="Responded">{formatDateTime(incident.respondedAt, tz)}</DetailRow>
                </>
              }
            />
            {canWork && (
              <Card title="State">
                {/* Keyed by version: after any change the panel is drawn afresh for the new state. */}
                <StateForm
                  key={incident.version}
                  incidentId={incident.id}
                  state={incident.state}
                  version={incident.version}
                />
              </Card>
            )}
            <AttachmentsSection
              basePath={basePath}
              attachments={incident.attachments}
              canUpload={canWork}
            />
            <Card title={`Links (${incident.links.length})`}>
              <div id="links" className="space-y-3">
                <ul className="space-y-1 text-sm">
                  {incident.links.map((link) => (
                    <li key={link.id} className="flex items-center justify-between gap-2">
                      <span>
                        {link.relation}{' '}
                        <Link
                          href={`/incidents/${link.number}`}
                          className="text-brand-700 underline"
                        >
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
          </>
        }
      />
    </>
  );
}
