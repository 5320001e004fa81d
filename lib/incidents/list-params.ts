import type { IncidentState, Severity } from '@/db/schema';
import { decodeCursor, encodeCursor, type ListCursor } from '@/lib/list/cursor';
import { assertKnownParameters } from '@/lib/list/known-parameters';
import { isDefaultSort, parseSort, sortToken, type ListSort } from '@/lib/list/sort';
import { ownerToken } from '@/lib/list/sql-conditions';
import {
  invalid,
  many,
  one,
  parseBound,
  parseOwnerFilter,
  PG_TIMESTAMP,
  UUID,
  type OwnerFilter,
  type TimeBound,
  type TimeRange,
} from '@/lib/list/url-params';
import { isValidTimeZone } from '@/lib/time/time-zones';
import type { ListViewer as IncidentListViewer } from '@/lib/tickets/list-viewer';
import { INCIDENT_STATES, SEVERITIES } from './schemas';

// The one parser of the incident list's URL: the page, the CSV export, bulk close "all
// matching" and the API all read filters through here, so what a person sees, exports
// and closes can never differ. serializeIncidentListParams writes the same URL back.

export const SORT_KEYS = ['created', 'due', 'severity', 'updated'] as const;
export type IncidentSortKey = (typeof SORT_KEYS)[number];
export type IncidentSort = ListSort<IncidentSortKey>;
export const DEFAULT_SORT: IncidentSort = { key: 'created', direction: 'desc' };

export const OPEN_STATES: readonly IncidentState[] = INCIDENT_STATES.filter((s) => s !== 'closed');
export const RESPONSE_FILTERS = ['breached', 'at-risk'] as const;
export type ResponseFilter = (typeof RESPONSE_FILTERS)[number];

// A bound keeps its text (for links) and the instant it means in the viewer's zone; a
// range's `from` is inclusive and its `to` exclusive (a date's `to` is the next day's start).
export type { OwnerFilter, TimeBound, TimeRange };

export type IncidentCursor = ListCursor;
export { encodeCursor, sortToken };

/** Every parameter the list reads; any other name is refused (lib/list/known-parameters.ts). */
export const INCIDENT_LIST_PARAMETERS = [
  'state',
  'severity',
  'owner',
  'createdBy',
  'dueFrom',
  'dueTo',
  'createdFrom',
  'createdTo',
  'q',
  'response',
  'sort',
  'cursor',
] as const;

export type { ListViewer as IncidentListViewer } from '@/lib/tickets/list-viewer';

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

function parseEnumList<T extends string>(
  values: string[],
  allowed: readonly T[],
  name: string,
  label: string,
): T[] {
  const out: T[] = [];
  for (const value of values) {
    const v = value.toLowerCase();
    if (!(allowed as readonly string[]).includes(v))
      invalid(name, `Unknown ${label} "${value}"; use ${allowed.join(', ')}.`);
    if (!out.includes(v as T)) out.push(v as T);
  }
  return out;
}

function parseCreatedBy(
  value: string | undefined,
  viewer: IncidentListViewer,
): IncidentListParams['createdBy'] {
  if (!value) return undefined;
  if (value.toLowerCase() === 'me') return { id: viewer.userId, me: true };
  if (!UUID.test(value)) invalid('createdBy', 'Use me or the id of a person.');
  return { id: value.toLowerCase(), me: false };
}

function parseRange(
  searchParams: URLSearchParams,
  prefix: 'due' | 'created',
  timeZone: string,
): TimeRange {
  const from = parseBound(`${prefix}From`, one(searchParams, `${prefix}From`), false, timeZone);
  const to = parseBound(`${prefix}To`, one(searchParams, `${prefix}To`), true, timeZone);
  if (from && to && to.at.getTime() <= from.at.getTime())
    invalid(`${prefix}To`, `Must be on or after ${prefix}From.`);
  return { from, to };
}

function cursorValueOk(sort: IncidentSort) {
  return (v: string | null) =>
    sort.key === 'severity'
      ? v !== null && (SEVERITIES as readonly string[]).includes(v)
      : v !== null && PG_TIMESTAMP.test(v);
}

/**
 * Reads the list's filters, sort and cursor from a URL. Unknown values throw a
 * ValidationError naming the parameter (a 400, never a 500); empty fields are ignored.
 */
export function parseIncidentListParams(
  searchParams: URLSearchParams,
  viewer: IncidentListViewer,
  extra: readonly string[] = [],
): IncidentListParams {
  assertKnownParameters(searchParams, [...INCIDENT_LIST_PARAMETERS, ...extra]);
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
  if (response && !(RESPONSE_FILTERS as readonly string[]).includes(response))
    invalid('response', 'Use breached or at-risk.');

  const sort = parseSort(one(searchParams, 'sort'), SORT_KEYS, DEFAULT_SORT);
  return {
    states,
    allStates,
    severities: parseEnumList(many(searchParams, 'severity'), SEVERITIES, 'severity', 'severity'),
    owner: parseOwnerFilter(one(searchParams, 'owner'), viewer),
    createdBy: parseCreatedBy(one(searchParams, 'createdBy'), viewer),
    due: parseRange(searchParams, 'due', timeZone),
    created: parseRange(searchParams, 'created', timeZone),
    q,
    response: response as ResponseFilter | undefined,
    sort,
    cursor: decodeCursor(one(searchParams, 'cursor'), sortToken(sort), cursorValueOk(sort)),
  };
}

/**
 * The URL of these params, in a stable order: links, the export URL and "all matching"
 * are built here. Defaults are left out; `cursor: false` drops the page position.
 */
export function serializeIncidentListParams(
  params: IncidentListParams,
  options: { cursor?: boolean } = {},
): URLSearchParams {
  const out = new URLSearchParams();
  if (params.allStates) out.append('state', 'all');
  else if (!sameSet(params.states, OPEN_STATES))
    for (const s of params.states) out.append('state', s);
  for (const s of params.severities) out.append('severity', s);
  if (params.owner) out.set('owner', ownerToken(params.owner));
  if (params.createdBy) out.set('createdBy', params.createdBy.me ? 'me' : params.createdBy.id);
  if (params.due.from) out.set('dueFrom', params.due.from.text);
  if (params.due.to) out.set('dueTo', params.due.to.text);
  if (params.created.from) out.set('createdFrom', params.created.from.text);
  if (params.created.to) out.set('createdTo', params.created.to.text);
  if (params.q) out.set('q', params.q);
  if (params.response) out.set('response', params.response);
  if (!isDefaultSort(params.sort, DEFAULT_SORT)) out.set('sort', sortToken(params.sort));
  if (params.cursor && options.cursor !== false) out.set('cursor', encodeCursor(params.cursor));
  return out;
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
