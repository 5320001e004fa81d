import type { TaskState } from '@/db/schema';
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
  parseOwnerFilter,
  parseQuery,
  parseRange,
  parseStateFilter,
  PG_TIMESTAMP,
  UUID,
  type OwnerFilter,
  type TimeRange,
} from '@/lib/list/url-params';
import type { ListViewer } from '@/lib/tickets/list-viewer';
import { TASK_STATES } from './schemas';

// The one parser of the task list's URL: the page, the CSV export and the API read
// filters through here, so what a person sees and what they export can never differ.
// serializeTaskListParams writes the same URL back. Built from the pieces every list
// shares (lib/list/): repeated or comma-separated values, empty fields ignored, dates as
// whole days in the viewer's zone, 400 on anything unknown, parameter names included.

export const TASK_SORT_KEYS = ['due', 'created'] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];
export type TaskSort = ListSort<TaskSortKey>;
/** Soonest due first: what needs doing next. */
export const DEFAULT_TASK_SORT: TaskSort = { key: 'due', direction: 'asc' };
export const DEFAULT_TASK_STATES: readonly TaskState[] = ['open'];

export type TaskListViewer = ListViewer;
export type TaskCursor = ListCursor;
export { encodeCursor as encodeTaskCursor, sortToken as taskSortToken };

/** Every parameter the list reads; any other name (severity=high) is refused. */
export const TASK_LIST_PARAMETERS = [
  'state',
  'owner',
  'dueFrom',
  'dueTo',
  'overdue',
  'schedule',
  'tag',
  ...POLICY_FILTER_PARAMETERS,
  'q',
  'sort',
  'cursor',
] as const;

export type TaskListParams = {
  states: TaskState[];
  allStates: boolean;
  owner?: OwnerFilter;
  due: TimeRange;
  overdue: boolean;
  scheduleId?: string;
  /** Tasks carrying every one of these tags. */
  tags: string[];
  /** policy=… (any of) and framework=…, checked against the policies that exist. */
  policy: PolicyFilter;
  q?: string;
  sort: TaskSort;
  cursor?: TaskCursor;
};

export const MAX_TASK_QUERY = 200;

function parseFlag(value: string | undefined, name: string): boolean {
  if (!value) return false;
  const v = value.toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  invalid(name, 'Use true or false.');
}

/** Reads the task list's filters, sort and cursor from a URL; unknown values are a ValidationError (400). */
export function parseTaskListParams(
  searchParams: URLSearchParams,
  viewer: TaskListViewer,
  extra: readonly string[] = [],
): TaskListParams {
  assertKnownParameters(searchParams, [...TASK_LIST_PARAMETERS, ...extra]);
  const timeZone = listTimeZone(viewer);
  const { states, allStates } = parseStateFilter(
    searchParams,
    TASK_STATES,
    DEFAULT_TASK_STATES,
    'all',
  );
  const due = parseRange(searchParams, 'due', timeZone);
  const q = parseQuery(searchParams, MAX_TASK_QUERY);
  const schedule = one(searchParams, 'schedule');
  if (schedule && !UUID.test(schedule)) invalid('schedule', 'Use the id of a task schedule.');
  const tags = [...new Set(many(searchParams, 'tag').map((t) => t.toLowerCase()))];
  if (tags.some((t) => t.length > 60)) invalid('tag', 'Tags are at most 60 characters.');
  const sort = parseSort(one(searchParams, 'sort'), TASK_SORT_KEYS, DEFAULT_TASK_SORT);
  return {
    states,
    allStates,
    owner: parseOwnerFilter(one(searchParams, 'owner'), viewer),
    due,
    overdue: parseFlag(one(searchParams, 'overdue'), 'overdue'),
    scheduleId: schedule?.toLowerCase(),
    tags,
    policy: parsePolicyFilter(searchParams, viewer.policies),
    q,
    sort,
    cursor: decodeCursor(
      one(searchParams, 'cursor'),
      sortToken(sort),
      (v) => v !== null && PG_TIMESTAMP.test(v),
    ),
  };
}

/** The URL of these params in a stable order; defaults left out; `cursor: false` drops the page position. */
export function serializeTaskListParams(
  params: TaskListParams,
  options: { cursor?: boolean } = {},
): URLSearchParams {
  const out = new URLSearchParams();
  appendStates(out, params, DEFAULT_TASK_STATES);
  if (params.owner) out.set('owner', ownerToken(params.owner));
  setRange(out, 'due', params.due);
  if (params.overdue) out.set('overdue', 'true');
  if (params.scheduleId) out.set('schedule', params.scheduleId);
  for (const tag of params.tags) out.append('tag', tag);
  serializePolicyFilter(out, params.policy);
  if (params.q) out.set('q', params.q);
  setSortAndCursor(out, params, DEFAULT_TASK_SORT, options);
  return out;
}
