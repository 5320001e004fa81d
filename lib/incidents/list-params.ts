import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { IncidentState, Severity } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { INCIDENT_STATES, SEVERITIES } from './schemas';

// The one parser of the incident list's URL: the page, the CSV export, bulk close "all
// matching" and the API all read filters through here, so what a person sees, exports
// and closes can never differ. serializeIncidentListParams writes the same URL back.

export const SORT_KEYS = ['created', 'due', 'severity', 'updated'] as const;
export type IncidentSortKey = (typeof SORT_KEYS)[number];
export type IncidentSort = { key: IncidentSortKey; direction: 'asc' | 'desc' };
export const DEFAULT_SORT: IncidentSort = { key: 'created', direction: 'desc' };

export const OPEN_STATES: readonly IncidentState[] = INCIDENT_STATES.filter((s) => s !== 'closed');
export const RESPONSE_FILTERS = ['breached', 'at-risk'] as const;
export type ResponseFilter = (typeof RESPONSE_FILTERS)[number];

export type OwnerFilter =
  | { kind: 'me'; userId: string; teamIds: string[] }
  | { kind: 'unassigned' }
  | { kind: 'user'; id: string }
  | { kind: 'team'; id: string };

/** A bound as typed (kept for links) and the instant it means in the viewer's zone. */
export type TimeBound = { text: string; at: Date };
/** `from` is inclusive; `to` is exclusive (a date's `to` is the start of the next day). */
export type TimeRange = { from?: TimeBound; to?: TimeBound };

/** Where the last row of a page sits in the sort: `value` is the sort column as PostgreSQL printed it. */
export type IncidentCursor = { sort: string; value: string | null; id: string; before: boolean };

export type IncidentListViewer = { userId: string; teamIds: string[]; timeZone?: string };

export type IncidentListParams = {
  /** The states shown; `allStates` when the URL said state=all. */
  states: IncidentState[];
  allStates: boolean;
  /** Empty means any severity. */
  severities: Severity[];
  owner?: OwnerFilter;
  createdBy?: { id: string; me: boolean };
  due: TimeRange;
  created: TimeRange;
  q?: string;
  response?: ResponseFilter;
  sort: IncidentSort;
  cursor?: IncidentCursor;
};

export const MAX_QUERY = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// What PostgreSQL prints for a timestamptz (ISO DateStyle), or 'infinity' for "no due date".
const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}|infinity)$/;
const isoDateTime = z.iso.datetime({ offset: true, local: false });

/** A parameter given several times or comma-separated (`state=triage&state=analysis`, `state=triage,analysis`). */
function many(searchParams: URLSearchParams, name: string): string[] {
  return searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A single-valued parameter; empty counts as absent, because a GET form sends every field. */
function one(searchParams: URLSearchParams, name: string): string | undefined {
  const values = searchParams.getAll(name).map((v) => v.trim()).filter(Boolean);
  if (values.length > 1 && new Set(values).size > 1) throw new ValidationError({ [name]: `Give ${name} only once.` });
  return values[0];
}

function invalid(name: string, message: string): never {
  throw new ValidationError({ [name]: message }, `${name}: ${message}`);
}

function parseEnumList<T extends string>(values: string[], allowed: readonly T[], name: string, label: string): T[] {
  const out: T[] = [];
  for (const value of values) {
    const v = value.toLowerCase();
    if (!(allowed as readonly string[]).includes(v)) invalid(name, `Unknown ${label} "${value}"; use ${allowed.join(', ')}.`);
    if (!out.includes(v as T)) out.push(v as T);
  }
  return out;
}

function parseOwner(value: string | undefined, viewer: IncidentListViewer): OwnerFilter | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'me') return { kind: 'me', userId: viewer.userId, teamIds: [...viewer.teamIds] };
  if (v === 'unassigned') return { kind: 'unassigned' };
  const match = /^(user|team):(.+)$/.exec(v);
  if (!match || !UUID.test(match[2])) invalid('owner', 'Use me, unassigned, user:<id> or team:<id>.');
  return match[1] === 'user' ? { kind: 'user', id: match[2] } : { kind: 'team', id: match[2] };
}

function parseCreatedBy(value: string | undefined, viewer: IncidentListViewer): IncidentListParams['createdBy'] {
  if (!value) return undefined;
  if (value.toLowerCase() === 'me') return { id: viewer.userId, me: true };
  if (!UUID.test(value)) invalid('createdBy', 'Use me or the id of a person.');
  return { id: value.toLowerCase(), me: false };
}

/** A date is a whole day in the viewer's zone; a full ISO datetime is that instant. */
function parseBound(name: string, text: string | undefined, end: boolean, timeZone: string): TimeBound | undefined {
  if (!text) return undefined;
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = new TZDate(y, m - 1, d, timeZone);
    // Rejects 2026-02-30, which Date would quietly turn into March 2.
    if (start.getFullYear() !== y || start.getMonth() !== m - 1 || start.getDate() !== d) invalid(name, `${text} is not a date.`);
    const at = end ? new TZDate(y, m - 1, d + 1, timeZone) : start;
    return { text, at: new Date(at.getTime()) };
  }
  if (!isoDateTime.safeParse(text).success) invalid(name, 'Use a date like 2026-11-28 or a time like 2026-11-28T14:05:00-06:00.');
  const instant = new Date(text);
  // An instant given as the end is included: the exclusive bound is just after it.
  return { text, at: end ? new Date(instant.getTime() + 1) : instant };
}

function parseRange(searchParams: URLSearchParams, prefix: 'due' | 'created', timeZone: string): TimeRange {
  const from = parseBound(`${prefix}From`, one(searchParams, `${prefix}From`), false, timeZone);
  const to = parseBound(`${prefix}To`, one(searchParams, `${prefix}To`), true, timeZone);
  if (from && to && to.at.getTime() <= from.at.getTime()) invalid(`${prefix}To`, `Must be on or after ${prefix}From.`);
  return { from, to };
}

function parseSort(value: string | undefined): IncidentSort {
  if (!value) return DEFAULT_SORT;
  const direction = value.startsWith('-') ? 'desc' : 'asc';
  const key = value.replace(/^[-+]/, '').toLowerCase();
  if (!(SORT_KEYS as readonly string[]).includes(key)) {
    invalid('sort', `Unknown sort "${value}"; use ${SORT_KEYS.join(', ')}, each with - in front for descending.`);
  }
  return { key: key as IncidentSortKey, direction };
}

export function sortToken(sort: IncidentSort): string {
  return `${sort.direction === 'desc' ? '-' : ''}${sort.key}`;
}

export function encodeCursor(cursor: IncidentCursor): string {
  const body: Record<string, unknown> = { s: cursor.sort, v: cursor.value, id: cursor.id };
  if (cursor.before) body.b = 1;
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodeCursor(text: string | undefined, sort: IncidentSort): IncidentCursor | undefined {
  if (!text) return undefined;
  const bad = () => invalid('cursor', 'This page link is damaged or out of date; start again from the first page.');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    bad();
  }
  const parsed = z.object({ s: z.string(), v: z.string().max(40).nullable(), id: z.string().regex(UUID), b: z.literal(1).optional() }).safeParse(body);
  if (!parsed.success) bad();
  const { s, v, id, b } = parsed.data!;
  // A cursor only means something in the order it came from.
  if (s !== sortToken(sort)) invalid('cursor', 'This page link belongs to another sort order; start again from the first page.');
  const valueOk = sort.key === 'severity' ? v !== null && (SEVERITIES as readonly string[]).includes(v) : v !== null && PG_TIMESTAMP.test(v);
  if (!valueOk) bad();
  return { sort: s, value: v, id: id.toLowerCase(), before: b === 1 };
}

/**
 * Reads the list's filters, sort and cursor from a URL. Unknown values throw a
 * ValidationError naming the parameter (a 400, never a 500); empty fields are ignored.
 */
export function parseIncidentListParams(searchParams: URLSearchParams, viewer: IncidentListViewer): IncidentListParams {
  const timeZone = viewer.timeZone && isValidTimeZone(viewer.timeZone) ? viewer.timeZone : 'UTC';
  const stateValues = many(searchParams, 'state').map((s) => s.toLowerCase());
  const allStates = stateValues.includes('all');
  const states = allStates
    ? [...INCIDENT_STATES]
    : stateValues.length
      ? parseEnumList(stateValues, INCIDENT_STATES, 'state', 'state')
      : [...OPEN_STATES];

  const q = one(searchParams, 'q');
  if (q && q.length > MAX_QUERY) invalid('q', `Use at most ${MAX_QUERY} characters.`);
  const response = one(searchParams, 'response');
  if (response && !(RESPONSE_FILTERS as readonly string[]).includes(response)) invalid('response', 'Use breached or at-risk.');

  const sort = parseSort(one(searchParams, 'sort'));
  return {
    states,
    allStates,
    severities: parseEnumList(many(searchParams, 'severity'), SEVERITIES, 'severity', 'severity'),
    owner: parseOwner(one(searchParams, 'owner'), viewer),
    createdBy: parseCreatedBy(one(searchParams, 'createdBy'), viewer),
    due: parseRange(searchParams, 'due', timeZone),
    created: parseRange(searchParams, 'created', timeZone),
    q,
    response: response as ResponseFilter | undefined,
    sort,
    cursor: decodeCursor(one(searchParams, 'cursor'), sort),
  };
}

function ownerToken(owner: OwnerFilter): string {
  return owner.kind === 'me' || owner.kind === 'unassigned' ? owner.kind : `${owner.kind}:${owner.id}`;
}

/**
 * The URL of these params, in a stable order: links, the export URL and "all matching"
 * are built here. Defaults are left out; `cursor: false` drops the page position.
 */
export function serializeIncidentListParams(params: IncidentListParams, options: { cursor?: boolean } = {}): URLSearchParams {
  const out = new URLSearchParams();
  if (params.allStates) out.append('state', 'all');
  else if (!sameSet(params.states, OPEN_STATES)) for (const s of params.states) out.append('state', s);
  for (const s of params.severities) out.append('severity', s);
  if (params.owner) out.set('owner', ownerToken(params.owner));
  if (params.createdBy) out.set('createdBy', params.createdBy.me ? 'me' : params.createdBy.id);
  if (params.due.from) out.set('dueFrom', params.due.from.text);
  if (params.due.to) out.set('dueTo', params.due.to.text);
  if (params.created.from) out.set('createdFrom', params.created.from.text);
  if (params.created.to) out.set('createdTo', params.created.to.text);
  if (params.q) out.set('q', params.q);
  if (params.response) out.set('response', params.response);
  if (params.sort.key !== DEFAULT_SORT.key || params.sort.direction !== DEFAULT_SORT.direction) out.set('sort', sortToken(params.sort));
  if (params.cursor && options.cursor !== false) out.set('cursor', encodeCursor(params.cursor));
  return out;
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
