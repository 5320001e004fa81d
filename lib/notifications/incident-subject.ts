import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { incidentWatchers, teamMembers, teams, users } from '@/db/schema';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { formatDateTime } from '@/lib/time/format';
import { describeChanges, ownerNames } from '@/lib/activity/describe-changes';
import type { NotificationPayload } from './notification-payload';
import type { Candidate } from './select-recipients';
import type { NotificationSubject, SubjectLoaderContext } from './subject';
import { ownerLabel } from '@/lib/owners/owner-label';

const MAX_DESCRIPTION_IN_EMAIL = 1_000;

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
    candidates: await incidentCandidates(
      db,
      incident.id,
      incident.ownerUserId,
      incident.ownerTeamId,
    ),
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
        default: {
          // The digest is read in the reader's zone, but a line is shared by all: UTC here.
          const changes = describeChanges(e.changes, 'UTC', owners).map(
            (c) => `${c.label}: ${c.old} → ${c.new}`,
          );
          const note = e.note ? `note: ${clip(e.note, 300)}` : '';
          return `${e.actorLabel} changed ${[...changes, note].filter(Boolean).join('; ') || 'it'}`;
        }
      }
    },
  };
}

function clip(text: string | undefined, max = MAX_DESCRIPTION_IN_EMAIL): string | undefined {
  if (!text) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The owner (or every member of the owning team) and the watchers, with what the fan-out needs. */
async function incidentCandidates(
  db: DbOrTx,
  incidentId: string,
  ownerUserId: string | null,
  ownerTeamId: string | null,
): Promise<Candidate[]> {
  const person = {
    userId: users.id,
    email: users.email,
    name: users.name,
    timeZone: users.timeZone,
    active: users.active,
  };
  const [owner, members, watchers] = await Promise.all([
    ownerUserId ? db.select(person).from(users).where(eq(users.id, ownerUserId)) : [],
    ownerTeamId
      ? db
          .select({ ...person, teamName: teams.name })
          .from(teamMembers)
          .innerJoin(users, eq(users.id, teamMembers.userId))
          .innerJoin(teams, eq(teams.id, teamMembers.teamId))
          .where(eq(teamMembers.teamId, ownerTeamId))
      : [],
    db
      .select({ ...person, frequency: incidentWatchers.frequency })
      .from(incidentWatchers)
      .innerJoin(users, eq(users.id, incidentWatchers.userId))
      .where(eq(incidentWatchers.incidentId, incidentId)),
  ]);
  return [
    ...owner.map((u) => ({ ...u, via: { kind: 'owner' as const } })),
    ...members.map(({ teamName, ...u }) => ({
      ...u,
      via: { kind: 'team-owner' as const, teamName },
    })),
    ...watchers.map(({ frequency, ...u }) => ({
      ...u,
      via: { kind: 'watcher' as const, frequency },
    })),
  ];
}
