import type { DbOrTx } from '@/db/client';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { formatDateTime } from '@/lib/time/format';
import { describeChanges, ownerNames } from '@/lib/activity/describe-changes';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import type { NotificationPayload } from './notification-payload';
import { ownerCandidates, watcherCandidates } from './item-candidates';
import type { NotificationSubject, SubjectLoaderContext } from './subject';
import { changedDigestLine, clip } from './subject-text';
import { ownerLabel } from '@/lib/owners/owner-label';

export async function loadIncidentSubject(
  db: DbOrTx,
  incidentId: string,
  context: SubjectLoaderContext,
  event: NotificationPayload,
): Promise<NotificationSubject | undefined> {
  const incident = await getIncidentDetail(db, { id: incidentId });
  if (!incident) return undefined;
  const reference = `INC-${incident.number}`;
  const url = `${context.publicUrl}/incidents/${incident.number}`;
  const owners = await ownerNames(db, event.changes);
  const item = {
    reference,
    title: incident.title,
    url,
    state: STATE_LABELS[incident.state],
    severity: SEVERITY_LABELS[incident.severity],
    owner: ownerLabel(incident.owner),
  };

  return {
    entityType: 'incident',
    entityId: incident.id,
    reference,
    title: incident.title,
    url,
    candidates: (
      await Promise.all([
        ownerCandidates(db, incident),
        watcherCandidates(db, incidentKind, incident.id),
      ])
    ).flat(),
    emailFor(e, recipient, reason) {
      const common = { item, reason };
      switch (e.event) {
        case 'opened':
          return {
            template: 'incident-opened',
            props: { ...common, actorLabel: e.actorLabel, description: clip(incident.description) },
          };
        case 'closed':
        case 'invalid':
          return {
            template: 'incident-closed',
            props: {
              ...common,
              actorLabel: e.actorLabel,
              note: e.note ?? incident.closingNote ?? '',
            },
          };
        case 'response-at-risk':
        case 'response-breached':
          return {
            template: e.event,
            props: {
              ...common,
              responseDue: formatDateTime(incident.responseDueAt, recipient.timeZone),
            },
          };
        case 'updated':
          return {
            template: 'incident-updated',
            props: {
              ...common,
              actorLabel: e.actorLabel,
              changes: describeChanges(e.changes, recipient.timeZone, owners),
              ...(e.note ? { note: e.note } : {}),
            },
          };
        default:
          throw new Error(`incidents have no "${e.event}" notification`);
      }
    },
    digestLine(e) {
      switch (e.event) {
        case 'opened':
          return `${e.actorLabel} opened it`;
        case 'closed':
        case 'invalid':
          return `${e.actorLabel} closed it${e.note ? `: ${clip(e.note, 300)}` : ''}`;
        case 'response-at-risk':
          return 'Response target at risk (75% of the time used)';
        case 'response-breached':
          return 'Response target missed';
        default:
          return changedDigestLine(e, owners);
      }
    },
  };
}
