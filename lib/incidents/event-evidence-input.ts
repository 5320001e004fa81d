import { z } from 'zod';

// What an analyst sends when selected events become an incident's evidence: the events' ids
// and the search they were selected from (kept with them, for the link back to it).

export const MAX_EVIDENCE_EVENTS = 500;

const when = (label: string) =>
  z
    .union([z.date(), z.iso.datetime({ offset: true }), z.null()], {
      error: `Give the search's ${label} time like 2026-12-01T17:00:00Z.`,
    })
    .transform((v) => (v === null ? null : new Date(v)))
    .default(null);

export const eventSearchInput = z.object({
  query: z.string().max(5_000, 'Use at most 5,000 characters.').default(''),
  from: when('start'),
  to: when('end'),
});

export const eventEvidenceInput = z.object({
  eventIds: z
    .array(
      z
        .union([z.string(), z.number().int(), z.bigint()])
        .transform(String)
        .pipe(z.string().regex(/^[1-9]\d{0,18}$/, 'Event ids are the numbers the search shows.')),
      { error: 'Choose the events to add.' },
    )
    .min(1, 'Choose at least one event.')
    .max(
      MAX_EVIDENCE_EVENTS,
      `Choose at most ${MAX_EVIDENCE_EVENTS} events at a time; add more afterwards.`,
    )
    .transform((ids) => [...new Set(ids)]),
  search: eventSearchInput.prefault({}),
});
export type EventEvidenceInput = z.input<typeof eventEvidenceInput>;
