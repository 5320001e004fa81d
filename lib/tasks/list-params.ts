import { z } from 'zod';
import type { TaskState } from '@/db/schema';
import type { ListViewer } from '@/lib/tickets/list-viewer';
import { invalid, many, one, parseBound, parseOwnerFilter, PG_TIMESTAMP, UUID, type OwnerFilter, type TimeRange } from '@/lib/list/url-params';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { TASK_STATES } from './schemas';

// The one parser of the task list's URL: the page, the CSV export and the API read
// filters through here, so what a person sees and what they export can never differ.
// serializeTaskListParams writes the same URL back. Same conventions as the incident
// list's parser (lib/incidents/list-params.ts): repeated or comma-separated values,
// empty fields ignored, dates as whole days in the viewer's zone, 400 on anything unknown.

export const TASK_SORT_KEYS = ['due', 'created'] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];
export type TaskSort = { key: TaskSortKey; direction: 'asc' | 'desc' };
/** Soonest due first: what needs doing next. */
export const DEFAULT_TASK_SORT: TaskSort = { key: 'due', direction: 'asc' };
export const DEFAULT_TASK_STATES: readonly TaskState[] = ['open'];

export type TaskListViewer = ListViewer;
export type TaskCursor = { sort: string; value: string; id: string; before: boolean };

export type TaskListParams = {
  states: TaskState[];
  allStates: boolean;
  owner?: OwnerFilter;
  due: TimeRange;
  overdue: boolean;
  scheduleId?: string;
  /** Tasks carrying every one of these tags. */
  tags: string[];
  q?: string;
  sort: TaskSort;
  cursor?: TaskCursor;
};

export const MAX_TASK_QUERY = 200;

function parseStates(values: string[]): { states: TaskState[]; allStates: boolean } {
  const lower = values.map((v) => v.toLowerCase());
  if (lower.includes('all')) return { states: [...TASK_STATES], allStates: true };
  if (!lower.length) return { states: [...DEFAULT_TASK_STATES], allStates: false };
  const states: TaskState[] = [];
  for (const v of lower) {
    if (!(TASK_STATES as readonly string[]).includes(v)) invalid('state', `Unknown state "${v}"; use ${TASK_STATES.join(', ')} or all.`);
    if (!states.includes(v as TaskState)) states.push(v as TaskState);
  }
  return { states, allStates: false };
}

function parseFlag(value: string | undefined, name: string): boolean {
  if (!value) return false;
  const v = value.toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  invalid(name, 'Use true or false.');
}

function parseSort(value: string | undefined): TaskSort {
  if (!value) return DEFAULT_TASK_SORT;
  const direction = value.startsWith('-') ? 'desc' : 'asc';
  const key = value.replace(/^[-+]/, '').toLowerCase();
  if (!(TASK_SORT_KEYS as readonly string[]).includes(key)) {
    invalid('sort', `Unknown sort "${value}"; use ${TASK_SORT_KEYS.join(', ')}, each with - in front for descending.`);
  }
  return { key: key as TaskSortKey, direction };
}

export function taskSortToken(sort: TaskSort): string {
  return `${sort.direction === 'desc' ? '-' : ''}${sort.key}`;
}

export function encodeTaskCursor(cursor: TaskCursor): string {
  const body: Record<string, unknown> = { s: cursor.sort, v: cursor.value, id: cursor.id };
  if (cursor.before) body.b = 1;
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodeCursor(text: string | undefined, sort: TaskSort): TaskCursor | undefined {
  if (!text) return undefined;
  const bad = (): never => invalid('cursor', 'This page link is damaged or out of date; start again from the first page.');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    bad();
  }
  const parsed = z.object({ s: z.string(), v: z.string().max(40), id: z.string().regex(UUID), b: z.literal(1).optional() }).safeParse(body);
  if (!parsed.success) return bad();
  const { s, v, id, b } = parsed.data;
  if (s !== taskSortToken(sort)) invalid('cursor', 'This page link belongs to another sort order; start again from the first page.');
  if (!PG_TIMESTAMP.test(v)) bad();
  return { sort: s, value: v, id: id.toLowerCase(), before: b === 1 };
}

/** Reads the task list's filters, sort and cursor from a URL; unknown values are a ValidationError (400). */
export function parseTaskListParams(searchParams: URLSearchParams, viewer: TaskListViewer): TaskListParams {
  const timeZone = viewer.timeZone && isValidTimeZone(viewer.timeZone) ? viewer.timeZone : 'UTC';
  const { states, allStates } = parseStates(many(searchParams, 'state'));
  const from = parseBound('dueFrom', one(searchParams, 'dueFrom'), false, timeZone);
  const to = parseBound('dueTo', one(searchParams, 'dueTo'), true, timeZone);
  if (from && to && to.at.getTime() <= from.at.getTime()) invalid('dueTo', 'Must be on or after dueFrom.');
  const q = one(searchParams, 'q');
  if (q && q.length > MAX_TASK_QUERY) invalid('q', `Use at most ${MAX_TASK_QUERY} characters.`);
  const schedule = one(searchParams, 'schedule');
  if (schedule && !UUID.test(schedule)) invalid('schedule', 'Use the id of a task schedule.');
  const tags = [...new Set(many(searchParams, 'tag').map((t) => t.toLowerCase()))];
  if (tags.some((t) => t.length > 60)) invalid('tag', 'Tags are at most 60 characters.');
  const sort = parseSort(one(searchParams, 'sort'));
  return {
    states,
    allStates,
    owner: parseOwnerFilter(one(searchParams, 'owner'), viewer),
    due: { from, to },
    overdue: parseFlag(one(searchParams, 'overdue'), 'overdue'),
    scheduleId: schedule?.toLowerCase(),
    tags,
    q,
    sort,
    cursor: decodeCursor(one(searchParams, 'cursor'), sort),
  };
}

/** The URL of these params in a stable order; defaults left out; `cursor: false` drops the page position. */
export function serializeTaskListParams(params: TaskListParams, options: { cursor?: boolean } = {}): URLSearchParams {
  const out = new URLSearchParams();
  if (params.allStates) out.append('state', 'all');
  else if (!(params.states.length === 1 && params.states[0] === 'open')) for (const s of params.states) out.append('state', s);
  if (params.owner) out.set('owner', params.owner.kind === 'me' || params.owner.kind === 'unassigned' ? params.owner.kind : `${params.owner.kind}:${params.owner.id}`);
  if (params.due.from) out.set('dueFrom', params.due.from.text);
  if (params.due.to) out.set('dueTo', params.due.to.text);
  if (params.overdue) out.set('overdue', 'true');
  if (params.scheduleId) out.set('schedule', params.scheduleId);
  for (const tag of params.tags) out.append('tag', tag);
  if (params.q) out.set('q', params.q);
  if (params.sort.key !== DEFAULT_TASK_SORT.key || params.sort.direction !== DEFAULT_TASK_SORT.direction) out.set('sort', taskSortToken(params.sort));
  if (params.cursor && options.cursor !== false) out.set('cursor', encodeTaskCursor(params.cursor));
  return out;
}
