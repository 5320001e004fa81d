import { z } from 'zod';
import { COMMON_FIELDS, type CommonField } from '../fields';
import { EVENT_COUNT_CAP, type Histogram, type SearchResult, type StoredEvent } from '../types';

// What the event search API answers, as zod schemas: the serializers are typed by them and
// the OpenAPI document is generated from them, so the two cannot drift apart.

const isoTime = z.iso.datetime().meta({ example: '2026-11-28T20:05:00.000Z' });

const commonFields = Object.fromEntries(
  COMMON_FIELDS.map((field) => [field, z.string().nullable()]),
) as Record<CommonField, z.ZodNullable<z.ZodString>>;

export const eventJson = z.object({
  id: z.string().meta({ description: "The store's id: stable and unique.", example: '812345' }),
  timestamp: isoTime.meta({ description: 'When the event happened (its own time).' }),
  receivedAt: isoTime,
  source: z.enum(['api', 'bulk', 'syslog', 'seed']),
  ...commonFields,
  fields: z
    .record(z.string(), z.unknown())
    .meta({ description: 'Every other field under its dotted name (winlog.event_data.…).' }),
});
export type EventJson = z.infer<typeof eventJson>;

export const eventPageJson = z.object({
  count: z.int().meta({
    description: `Events matching in the whole range, exact up to ${EVENT_COUNT_CAP.toLocaleString('en-US')}.`,
  }),
  countCapped: z
    .boolean()
    .meta({ description: 'true: there are at least `count` (the count stopped at the cap).' }),
  data: z.array(eventJson).meta({ description: 'Newest first.' }),
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: 'Send it as `cursor` for the next (older) page; null on the last.' }),
});

export const histogramJson = z.object({
  bucketSeconds: z.int().meta({ description: 'Width of each bucket: a minute up to a day.' }),
  buckets: z
    .array(z.object({ start: isoTime, count: z.int() }))
    .meta({ description: 'Every bucket of the range, empty ones included, oldest first.' }),
});

export const querySyntaxErrorJson = z.object({
  error: z.string(),
  position: z.int().meta({ description: '0-based character offset in q where parsing failed.' }),
  expected: z.array(z.string()).meta({ description: 'What the parser expected there.' }),
  fields: z.record(z.string(), z.string()),
  requestId: z.string(),
});

export function toEventJson(event: StoredEvent): EventJson {
  return {
    id: event.id,
    timestamp: event.occurredAt.toISOString(),
    receivedAt: event.receivedAt.toISOString(),
    source: event.source,
    ...(Object.fromEntries(COMMON_FIELDS.map((f) => [f, event[f]])) as Record<
      CommonField,
      string | null
    >),
    fields: event.fields,
  };
}

export function toEventPageJson(result: SearchResult): z.infer<typeof eventPageJson> {
  return {
    count: result.count,
    countCapped: result.countCapped,
    data: result.data.map(toEventJson),
    nextCursor: result.nextCursor,
  };
}

export function toHistogramJson(histogram: Histogram): z.infer<typeof histogramJson> {
  return {
    bucketSeconds: histogram.bucketSeconds,
    buckets: histogram.buckets.map((b) => ({ start: b.start.toISOString(), count: b.count })),
  };
}

/** POST /api/v1/events and the other ingest paths answer with this. */
export const ingestResultJson = z.object({
  accepted: z.int().meta({ description: 'Events stored.' }),
  rejected: z
    .array(
      z.object({
        index: z.int().meta({ description: '0-based position in what was sent.' }),
        reason: z.string(),
      }),
    )
    .meta({ description: 'Each event that was not stored, with why; the others were.' }),
});
