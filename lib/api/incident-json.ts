import { z } from 'zod';
import type { Incident } from '@/db/schema';
import type { IncidentDetail } from '@/lib/incidents/get-incident';
import type { IncidentListRow } from '@/lib/incidents/get-incidents';
import { responseClock } from '@/lib/incidents/response-target';
import {
  INCIDENT_SOURCES,
  INCIDENT_STATES,
  incidentNumberLabel,
  LINK_KINDS,
  SEVERITIES,
} from '@/lib/incidents/schemas';
import {
  isoOrNull,
  isoTimeJson,
  listRowOwner,
  numberLabelJson,
  ownerJson,
  ticketChildrenJson,
  ticketPageJson,
  toTicketChildrenJson,
} from './ticket-json';

// What the API answers, as zod schemas: the serializers below are typed by them and the
// OpenAPI document is generated from them, so the two cannot drift apart.

const isoTime = isoTimeJson('2026-11-28T20:05:00.000Z');
const numberLabel = numberLabelJson('INC', 1042);

export { ownerJson };

/** One row of the list: what GET /api/v1/incidents returns per incident. */
export const incidentListItemJson = z.object({
  id: z.uuid(),
  number: numberLabel,
  title: z.string(),
  state: z.enum(INCIDENT_STATES),
  severity: z.enum(SEVERITIES),
  owner: ownerJson,
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  dueAt: isoTime.nullable(),
  responseDueAt: isoTime,
  respondedAt: isoTime.nullable(),
  responseStatus: z
    .enum(['met', 'on-track', 'at-risk', 'breached'])
    .meta({ description: 'Against the response target, at the time of the request.' }),
  resolvedAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type IncidentListItemJson = z.infer<typeof incidentListItemJson>;

/** One incident with its relations: GET, POST and PATCH answer with this. */
export const incidentJson = incidentListItemJson.extend({
  source: z.enum(INCIDENT_SOURCES),
  version: z
    .int()
    .meta({ description: 'Send it back with a PATCH: a stale version is refused with 409.' }),
  description: z.string().meta({ description: 'Markdown.' }),
  closingNote: z.string().nullable(),
  dedupeKey: z.string().nullable(),
  dedupeCount: z.int().meta({ description: 'Repeats of the alert absorbed by this incident.' }),
  watchers: ticketChildrenJson.watchers,
  policies: ticketChildrenJson.policies,
  links: z.array(
    z.object({
      kind: z.enum(LINK_KINDS),
      relation: z
        .string()
        .meta({ description: 'As read from this incident: "duplicate of", "child of"…' }),
      number: numberLabel,
      title: z.string(),
      state: z.enum(INCIDENT_STATES),
    }),
  ),
  notesCount: ticketChildrenJson.notesCount,
  attachmentsCount: ticketChildrenJson.attachmentsCount,
  eventsCount: z.int().meta({
    description: 'Events kept as evidence; GET /api/v1/incidents/{number}/events lists them.',
  }),
});
export type IncidentJson = z.infer<typeof incidentJson>;

export const noteJson = z.object({
  id: z.uuid(),
  incident: numberLabel,
  author: z.object({ id: z.uuid().nullable(), label: z.string() }),
  body: z.string(),
  createdAt: isoTime,
});
export type NoteJson = z.infer<typeof noteJson>;

type ListItemSource = Pick<
  Incident,
  | 'id'
  | 'number'
  | 'title'
  | 'state'
  | 'severity'
  | 'dueAt'
  | 'responseDueAt'
  | 'respondedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'createdAt'
  | 'updatedAt'
> & {
  owner: { type: 'user' | 'team'; id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
};

export function toIncidentListItemJson(
  row: ListItemSource,
  now = new Date(),
): IncidentListItemJson {
  return {
    id: row.id,
    number: incidentNumberLabel(row.number),
    title: row.title,
    state: row.state,
    severity: row.severity,
    owner: row.owner,
    createdBy: row.createdBy,
    dueAt: iso(row.dueAt),
    responseDueAt: row.responseDueAt.toISOString(),
    respondedAt: iso(row.respondedAt),
    responseStatus: responseClock(row, now).status,
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A row of getIncidentPage: its owner and creator come as ids beside a joined name. */
export function listRowJson(row: IncidentListRow, now = new Date()): IncidentListItemJson {
  return toIncidentListItemJson(
    {
      ...row,
      owner: listRowOwner(row),
      createdBy: row.createdById ? { id: row.createdById, name: row.createdByName ?? '' } : null,
    },
    now,
  );
}

export function toIncidentJson(detail: IncidentDetail, now = new Date()): IncidentJson {
  return {
    ...toIncidentListItemJson(
      {
        ...detail,
        createdBy: detail.createdById
          ? { id: detail.createdById, name: detail.createdByName ?? '' }
          : null,
      },
      now,
    ),
    source: detail.source,
    version: detail.version,
    description: detail.description,
    closingNote: detail.closingNote,
    dedupeKey: detail.dedupeKey,
    dedupeCount: detail.dedupeCount,
    ...toTicketChildrenJson(detail),
    eventsCount: detail.eventsCount,
    links: detail.links.map((link) => ({
      kind: link.kind,
      relation: link.relation,
      number: incidentNumberLabel(link.number),
      title: link.title,
      state: link.state,
    })),
  };
}

export function toNoteJson(
  note: { id: string; authorId: string | null; authorLabel: string; body: string; createdAt: Date },
  incidentNumber: number,
): NoteJson {
  return {
    id: note.id,
    incident: incidentNumberLabel(incidentNumber),
    author: { id: note.authorId, label: note.authorLabel },
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}

const iso = isoOrNull;

/** GET /api/v1/incidents. */
export const incidentPageJson = ticketPageJson(
  incidentListItemJson,
  'Matching incidents, exact up to 10,000.',
);
export type IncidentPageJson = z.infer<typeof incidentPageJson>;

/** POST /api/v1/incidents: the incident, and whether an open one absorbed this alert. */
export const createdIncidentJson = incidentJson.extend({
  deduplicated: z.boolean().meta({
    description:
      'True (with status 200) when an open incident with the same dedupeKey took this alert as a note.',
  }),
});
export type CreatedIncidentJson = z.infer<typeof createdIncidentJson>;
