import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { localInputToIso } from '@/lib/time/local-input';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { hasNoNul, NUL_MESSAGE, parseInput } from '@/lib/validation';
import { parseEventQuery } from './query/parse';
import type { QueryNode, TimeRange } from './types';

// A search of the Events page as URL parameters: one parser shared by the page, its CSV export,
// the API and the histogram, so what is seen, exported and fetched can never differ.
// q: the query text. range: a preset (1h, 24h, 7d, 30d), or from/to: absolute instants (the
// form eventsSearchUrl writes, which evidence links use) or wall-clock times in the viewer's
// zone (the custom range inputs). Without either, the last 24 hours. A range is at most
// MAX_RANGE_DAYS long (a year: the longest review window, whose evidence link must open):
// every search is bounded, nothing scans all of time, and a slow one stops at its time limit.

export const RANGE_PRESETS = {
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_RANGE: RangePreset = '24h';
export const MAX_RANGE_DAYS = 366;
export const MAX_QUERY_LENGTH = 4000;
export const PAGE_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 1000;

/** What the URL says; `range` is resolved against `now` once, so every part of a page agrees. */
export type EventSearchParams = {
  q: string;
  query: QueryNode;
  /** The preset, or null for an absolute from/to. */
  preset: RangePreset | null;
  range: TimeRange;
  cursor: string | null;
  limit: number;
};

const ABSOLUTE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function instant(value: string, timeZone: string): Date | null {
  const text = ABSOLUTE.test(value) ? value : localInputToIsoOrNull(value, timeZone);
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function localInputToIsoOrNull(value: string, timeZone: string): string | null {
  try {
    // The custom range inputs send minutes; seconds are allowed for hand-written links.
    return localInputToIso(value.slice(0, 16), timeZone);
  } catch {
    return null;
  }
}

const paramsSchema = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, `A query is at most ${MAX_QUERY_LENGTH} characters.`)
    .refine(hasNoNul, NUL_MESSAGE)
    .default(''),
  range: z
    .enum(Object.keys(RANGE_PRESETS) as [RangePreset, ...RangePreset[]], {
      error: `Use one of ${Object.keys(RANGE_PRESETS).join(', ')}, or from and to.`,
    })
    .optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  cursor: z.string().max(200, 'This cursor is not one of ours.').optional(),
  limit: z.coerce
    .number({ error: 'A whole number.' })
    .int('A whole number.')
    .min(1, 'At least 1.')
    .max(MAX_SEARCH_LIMIT, `At most ${MAX_SEARCH_LIMIT}.`)
    .optional(),
});

export const EVENT_SEARCH_PARAMETERS = ['q', 'range', 'from', 'to', 'cursor', 'limit'] as const;

/**
 * Reads a search from the URL. Throws ValidationError naming the parameter (an unknown one,
 * a bad time, a range over MAX_RANGE_DAYS) and EventQuerySyntaxError (from the parser, with its
 * position) for a query that does not parse. `strict` refuses unknown parameters (the API).
 */
export function parseEventSearchParams(
  searchParams: URLSearchParams,
  options: { timeZone: string; now?: Date; strict?: boolean; defaultLimit?: number },
): EventSearchParams {
  const timeZone = isValidTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  if (options.strict) {
    const unknown = [...searchParams.keys()].filter(
      (key) => !(EVENT_SEARCH_PARAMETERS as readonly string[]).includes(key),
    );
    if (unknown.length)
      throw new ValidationError(
        Object.fromEntries(unknown.map((key) => [key, 'Not a parameter of event search.'])),
      );
  }
  const raw = Object.fromEntries(
    EVENT_SEARCH_PARAMETERS.flatMap((key) => {
      const value = searchParams.get(key);
      return value === null || value === '' ? [] : [[key, value]];
    }),
  );
  const input = parseInput(paramsSchema, raw);
  const now = options.now ?? new Date();
  const { preset, range } = resolveRange(input, timeZone, now);
  return {
    q: input.q,
    query: parseEventQuery(input.q),
    preset,
    range,
    cursor: input.cursor ?? null,
    limit: input.limit ?? options.defaultLimit ?? PAGE_LIMIT,
  };
}

function resolveRange(
  input: z.output<typeof paramsSchema>,
  timeZone: string,
  now: Date,
): { preset: RangePreset | null; range: TimeRange } {
  if (input.from === undefined && input.to === undefined) {
    const preset = input.range ?? DEFAULT_RANGE;
    return { preset, range: { from: new Date(now.getTime() - RANGE_PRESETS[preset].ms), to: now } };
  }
  const errors: Record<string, string> = {};
  if (input.range) errors.range = 'Send a preset range or from and to, not both.';
  const from = input.from === undefined ? null : instant(input.from, timeZone);
  const to = input.to === undefined ? now : instant(input.to, timeZone);
  if (!from)
    errors.from =
      input.from === undefined
        ? 'Send from with to.'
        : 'An ISO 8601 time (2026-11-28T14:05:00Z) or a local one (2026-11-28T14:05).';
  if (!to) errors.to = 'An ISO 8601 time (2026-11-28T14:05:00Z) or a local one (2026-11-28T14:05).';
  if (from && to && from >= to) errors.to = 'The end must be after the start.';
  if (from && to && to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
    errors.to = `A search covers at most ${MAX_RANGE_DAYS} days.`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { preset: null, range: { from: from!, to: to! } };
}

/** The URL of a search: the preset kept as a preset (so a shared link stays "last 24 hours"). */
export function serializeEventSearchParams(
  params: Pick<EventSearchParams, 'q' | 'preset' | 'range'> & { cursor?: string | null },
): URLSearchParams {
  const out = new URLSearchParams();
  if (params.q) out.set('q', params.q);
  if (params.preset) {
    if (params.preset !== DEFAULT_RANGE) out.set('range', params.preset);
  } else {
    out.set('from', params.range.from.toISOString());
    out.set('to', params.range.to.toISOString());
  }
  if (params.cursor) out.set('cursor', params.cursor);
  return out;
}
