import { z } from 'zod';
import {
  incidentLinkKindEnum,
  incidentSourceEnum,
  incidentStateEnum,
  severityEnum,
  type IncidentState,
} from '@/db/schema';
import { MAX_NOTE } from '@/lib/notes/note-input';
import {
  ticketDescription,
  ticketPolicyIds,
  ticketTitle,
  ticketWatchers,
} from '@/lib/tickets/field-schemas';
import { ownerSchema } from '@/lib/owners/owner';
import { parseTicketNumber, ticketNumberLabel } from '@/lib/tickets/ticket-number';

export const INCIDENT_STATES = incidentStateEnum.enumValues;
export const SEVERITIES = severityEnum.enumValues;
export const INCIDENT_SOURCES = incidentSourceEnum.enumValues;
export const LINK_KINDS = incidentLinkKindEnum.enumValues;

export const STATE_LABELS: Record<(typeof INCIDENT_STATES)[number], string> = {
  triage: 'Triage',
  analysis: 'Analysis',
  remediation: 'Remediation',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const SEVERITY_LABELS: Record<(typeof SEVERITIES)[number], string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export { MAX_DESCRIPTION, watcherSchema } from '@/lib/tickets/field-schemas';
export { MAX_NOTE, noteEditInput, noteInput } from '@/lib/notes/note-input';
export type { WatcherInput } from '@/lib/tickets/relations';

const title = ticketTitle;
const description = ticketDescription;
const dueAt = z
  .union([
    z.iso.datetime({ offset: true, error: 'Give a date and time like 2026-12-01T17:00:00-06:00.' }),
    z.null(),
  ])
  .transform((v) => (v === null ? null : new Date(v)));
const watchers = ticketWatchers;
const policyIds = ticketPolicyIds;

export const createIncidentInput = z.object({
  title,
  owner: ownerSchema.prefault(''),
  severity: z.enum(SEVERITIES, { error: 'Choose None, Low, Medium or High.' }).default('none'),
  watchers: watchers.default([]),
  dueAt: dueAt.optional(),
  description: description.default(''),
  policyIds: policyIds.default([]),
  source: z.enum(INCIDENT_SOURCES, { error: 'Choose user, alert, api or event.' }).default('user'),
  dedupeKey: z.string().max(200, 'Use at most 200 characters.').trim().min(1).optional(),
});
export type CreateIncidentInput = z.input<typeof createIncidentInput>;

/** Everything but the state is changed here; each field is optional, the version is not. */
export const updateIncidentInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
  title: title.optional(),
  owner: ownerSchema.optional(),
  severity: z.enum(SEVERITIES, { error: 'Choose None, Low, Medium or High.' }).optional(),
  watchers: watchers.optional(),
  dueAt: dueAt.optional(),
  description: description.optional(),
  policyIds: policyIds.optional(),
});
export type UpdateIncidentInput = z.input<typeof updateIncidentInput>;

/** Leaving Closed, or going back from Resolved to active work: it asks for a reason. */
export function isReopening(from: IncidentState, to: IncidentState): boolean {
  return from === 'closed' || (from === 'resolved' && to !== 'closed');
}

/**
 * A move names the state it goes to and the state the person saw: a control rendered
 * for a Triage incident can never move one that someone closed meanwhile.
 */
export const changeStateInput = z
  .object({
    version: z.number({ error: 'The version you edited is required.' }).int().positive(),
    from: z.enum(INCIDENT_STATES, { error: 'The state you saw is required.' }),
    to: z.enum(INCIDENT_STATES, { error: 'Choose a state.' }),
    // The closing note when closing, the reason when reopening, optional otherwise.
    note: z.string().max(MAX_NOTE).trim().optional(),
  })
  .refine((v) => v.from !== v.to, {
    path: ['to'],
    message: 'Choose a state other than the current one.',
  })
  .refine((v) => v.to !== 'closed' || !!v.note, {
    path: ['note'],
    message: 'Closing asks for a closing note: what was found and done.',
  })
  .refine((v) => !isReopening(v.from, v.to) || !!v.note, {
    path: ['note'],
    message: 'Reopening asks for the reason: what came back or was missed.',
  });
export type ChangeStateInput = z.input<typeof changeStateInput>;

export const linkInput = z.object({
  targetNumber: z.coerce
    .number({ error: 'Give the number of the other incident, like 1042.' })
    .int()
    .positive(),
  kind: z.enum(LINK_KINDS, { error: 'Choose how they are linked.' }),
});

export const INCIDENT_NUMBER_PREFIX = 'INC';

export function incidentNumberLabel(number: number): string {
  return ticketNumberLabel(INCIDENT_NUMBER_PREFIX, number);
}

/** Accepts "INC-1042", "inc-1042" or "1042". */
export function parseIncidentNumber(value: string): number | undefined {
  return parseTicketNumber(INCIDENT_NUMBER_PREFIX, value);
}
