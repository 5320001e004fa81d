import type { IncidentState, Severity } from '@/db/schema';
import { decodeCursor, encodeCursor, type ListCursor } from '@/lib/list/cursor';
import { assertKnownParameters } from '@/lib/list/known-parameters';
import { parseSort, sortToken, type ListSort } from '@/lib/list/sort';
import { appendStates, setRange, setSortAndCursor } from '@/lib/list/serialize-params';
import {
  parsePolicyFilter,
  POLICY_FILTER_PARAMETERS,
  serializePolicyFilter,
  type PolicyFilter,
} from '@/lib/list/policy-filter';
import { ownerToken } from '@/lib/list/sql-conditions';
import {
  invalid,
  listTimeZone,
  many,
  one,
  parseEnumList,
  parseOwnerFilter,
  parseQuery,
  parseRange,
  parseStateFilter,
  PG_TIMESTAMP,
  UUID,
  type OwnerFilter,
  type TimeBound,
  type TimeRange,
} from '@/lib/list/url-params';
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
  'closedFrom',
  'closedTo',
  ...POLICY_FILTER_PARAMETERS,
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
  /** When it was (last) closed; only closed incidents have a closing time. */
  closed: TimeRange;
  /** policy=… (any of) and framework=…, checked against the policies that exist. */
  policy: PolicyFilter;
  q?: string;
  response?: ResponseFilter;
  sort: IncidentSort;
  cursor?: IncidentCursor;
};

export const MAX_QUERY = 200;

function parseCreatedBy(
  value: string | undefined,
  viewer: IncidentListViewer,
): IncidentListParams['createdBy'] {
  if (!value) return undefined;
  if (value.toLowerCase() === 'me') return { id: viewer.userId, me: true };
  if (!UUID.test(value)) invalid('createdBy', 'Use me or the id of a person.');
  return { id: value.toLowerCase(), me: false };
}

/**
 * Only closed incidents have a closing time (reopening clears it), so a closing range
 * without a state means the closed ones; with states that leave closed out it could only
 * ever show an empty list, and is refused instead.
 */
function closedStates(
  searchParams: URLSearchParams,
  closed: TimeRange,
  parsed: { states: IncidentState[]; allStates: boolean },
): { states: IncidentState[]; allStates: boolean } {
  if (!closed.from && !closed.to) return parsed;
  if (!many(searchParams, 'state').length) return { states: ['closed'], allStates: false };
  if (!parsed.states.includes('closed'))
    invalid(
      closed.from ? 'closedFrom' : 'closedTo',
      'Only closed incidents have a closing date; add state=closed or state=all.',
    );
  return parsed;
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
  const timeZone = listTimeZone(viewer);
  const closed = parseRange(searchParams, 'closed', timeZone);
  const { states, allStates } = closedStates(
    searchParams,
    closed,
    parseStateFilter(searchParams, INCIDENT_STATES, OPEN_STATES),
  );
  const q = parseQuery(searchParams, MAX_QUERY);
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
    closed,
    policy: parsePolicyFilter(searchParams, viewer.policies),
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
  appendStates(out, params, OPEN_STATES);
  for (const s of params.severities) out.append('severity', s);
  if (params.owner) out.set('owner', ownerToken(params.owner));
  if (params.createdBy) out.set('createdBy', params.createdBy.me ? 'me' : params.createdBy.id);
  setRange(out, 'due', params.due);
  setRange(out, 'created', params.created);
  setRange(out, 'closed', params.closed);
  serializePolicyFilter(out, params.policy);
  if (params.q) out.set('q', params.q);
  if (params.response) out.set('response', params.response);
  setSortAndCursor(out, params, DEFAULT_SORT, options);
  return out;
}
