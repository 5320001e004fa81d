import { z } from 'zod';
import { MAX_EVIDENCE_EVENTS } from '@/lib/incidents/event-evidence-input';
import type { IncidentEventRow } from '@/lib/incidents/event-evidence';
import { incidentNumberLabel } from '@/lib/incidents/schemas';
import { eventsSearchUrl } from '@/lib/events/search-url';
import { isoOrNull, isoTimeJson, numberLabelJson } from './ticket-json';

// /api/v1/incidents/{number}/events: events copied into an incident as evidence.

const isoTime = isoTimeJson('2026-11-28T14:05:09.000Z');

/**
 * Strict, so a misspelt field ("eventIDs") is a 400 naming it; the domain function then
 * parses the same body with its own rules (lib/incidents/event-evidence-input.ts).
 */
export const addIncidentEventsBody = z
  .object({
    eventIds: z
      .array(z.string().regex(/^[1-9]\d{0,18}$/, 'Event ids are the numbers the search shows.'))
      .min(1, 'Choose at least one event.')
      .max(MAX_EVIDENCE_EVENTS)
      .meta({ description: 'Ids from GET /api/v1/events (`data[].id`).', example: ['81234'] }),
    search: z
      .object({
        query: z.string().max(5_000).optional(),
        from: isoTime.nullable().optional(),
        to: isoTime.nullable().optional(),
      })
      .strict()
      .optional()
      .meta({ description: 'The search they were selected from, kept for the link back.' }),
  })
  .strict();

export const addIncidentEventsResult = z.object({
  number: numberLabelJson('INC', 1042),
  added: z.int().meta({ description: 'Events copied into the incident by this request.' }),
  skipped: z.int().meta({ description: 'Events the incident already had.' }),
});

export const incidentEventJson = z.object({
  eventId: z.string().meta({ description: "The event's id in the event store when copied." }),
  occurredAt: isoTime,
  event: z
    .record(z.string(), z.unknown())
    .meta({ description: 'The whole event as stored: common fields and `fields`.' }),
  search: z.object({ query: z.string(), from: isoTime.nullable(), to: isoTime.nullable() }),
  searchUrl: z.string().nullable().meta({ description: 'The Events page for that search.' }),
  addedAt: isoTime,
  addedBy: z.string().meta({ description: 'A person, or "Trigger: <name>".' }),
});

export const incidentEventsJson = z.object({
  number: numberLabelJson('INC', 1042),
  data: z.array(incidentEventJson),
});

export function toIncidentEventsJson(
  number: number,
  rows: IncidentEventRow[],
): z.infer<typeof incidentEventsJson> {
  return {
    number: incidentNumberLabel(number),
    data: rows.map((row) => ({
      eventId: row.eventId,
      occurredAt: row.occurredAt.toISOString(),
      event: {
        ...row.event,
        occurredAt: row.event.occurredAt.toISOString(),
        receivedAt: row.event.receivedAt.toISOString(),
      },
      search: {
        query: row.search.query,
        from: isoOrNull(row.search.from),
        to: isoOrNull(row.search.to),
      },
      searchUrl:
        row.search.from && row.search.to
          ? eventsSearchUrl({ query: row.search.query, from: row.search.from, to: row.search.to })
          : null,
      addedAt: row.addedAt.toISOString(),
      addedBy: row.addedBy,
    })),
  };
}
