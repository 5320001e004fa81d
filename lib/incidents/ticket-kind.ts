import type { Tx } from '@/db/client';
import {
  incidentAttachments,
  incidentNotes,
  incidentPolicies,
  incidents,
  incidentWatchers,
  type Incident,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { isOwner } from '@/lib/owners/owner';
import { INCIDENT_NUMBER_PREFIX } from './schemas';
import { childTable, type NoteAddedEffect, type TicketKind } from '@/lib/tickets/ticket-kind';

/**
 * The first note by an owner counts as the response for the response target: it stops the
 * response clock, and the activity row says so.
 */
async function respondOnOwnersNote(
  tx: Tx,
  actor: Actor,
  incident: Incident,
  note: { createdAt: Date },
): Promise<NoteAddedEffect> {
  if (incident.respondedAt || actor.kind !== 'user' || !(await isOwner(tx, actor.userId, incident)))
    return {};
  return {
    set: { respondedAt: note.createdAt },
    changes: { respondedAt: { old: null, new: note.createdAt.toISOString() } },
  };
}

export const incidentKind: TicketKind<Incident> = {
  entityType: 'incident',
  noun: 'incident',
  plural: 'incidents',
  numberPrefix: INCIDENT_NUMBER_PREFIX,
  routeBase: '/incidents',
  permissions: { view: 'tickets.view', work: 'tickets.work', export: 'tickets.export' },
  table: incidents,
  watchers: childTable(incidentWatchers, 'incidentId'),
  policies: childTable(incidentPolicies, 'incidentId'),
  notes: childTable(incidentNotes, 'incidentId'),
  attachments: childTable(incidentAttachments, 'incidentId'),
  hooks: { onNoteAdded: respondOnOwnersNote },
};
