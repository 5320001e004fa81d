import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { TaskState } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import type { IncidentListViewer, OwnerFilter, TimeBound, TimeRange } from '@/lib/incidents/list-params';
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

export type TaskListViewer = IncidentListViewer;
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}|infinity)$/;
const isoDateTime = z.iso.datetime({ offset: true, local: false });

function many(searchParams: URLSearchParams, name: string): string[] {
  return searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function one(searchParams: URLSearchParams, name: string): string | undefined {
  const values = searchParams.getAll(name).map((v) => v.trim()).filter(Boolean);
  if (values.length > 1 && new Set(values).size > 1) invalid(name, `Give ${name} only once.`);
  return values[0];
}

function invalid(name: string, message: string): never {
  throw new ValidationError({ [name]: message }, `${name}: ${message}`);
}

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

function parseOwner(value: string | undefined, viewer: TaskListViewer): OwnerFilter | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'me') return { kind: 'me', userId: viewer.userId, teamIds: [...viewer.teamIds] };
  if (v === 'unassigned') return { kind: 'unassigned' };
  const match = /^(user|team):(.+)$/.exec(v);
  if (!match || !UUID.test(match[2])) invalid('owner', 'Use me, unassigned, user:<id> or team:<id>.');
  return match[1] === 'user' ? { kind: 'user', id: match[2] } : { kind: 'team', id: match[2] };
}

function parseBound(name: string, text: string | undefined, end: boolean, timeZone: string): TimeBound | undefined {
  if (!text) return undefined;
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = new TZDate(y, m - 1, d, timeZone);
    if (start.getFullYear() !== y || start.getMonth() !== m - 1 || start.getDate() !== d) invalid(name, `${text} is not a date.`);
    const at = end ? new TZDate(y, m - 1, d + 1, timeZone) : start;
    return { text, at: new Date(at.getTime()) };
  }
  if (!isoDateTime.safeParse(text).success) invalid(name, 'Use a date like 2026-11-28 or a time like 2026-11-28T14:05:00-06:00.');
  const instant = new Date(text);
  return { text, at: end ? new Date(instant.getTime() + 1) : instant };
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
    owner: parseOwner(one(searchParams, 'owner'), viewer),
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
