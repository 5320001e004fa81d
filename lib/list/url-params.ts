import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { isValidTimeZone } from '@/lib/time/time-zones';

// The pieces every list's URL parser is made of (incidents, tasks): the same parameter
// gives the same answer, and the same mistake the same 400, whichever list it is on.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// What PostgreSQL prints for a timestamptz (ISO DateStyle), or 'infinity' for "no due date".
export const PG_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}|infinity)$/;
const isoDateTime = z.iso.datetime({ offset: true, local: false });

export type TimeBound = { text: string; at: Date };
export type TimeRange = { from?: TimeBound; to?: TimeBound };
export type OwnerFilter =
  | { kind: 'me'; userId: string; teamIds: string[] }
  | { kind: 'my-teams'; userId: string; teamIds: string[] }
  | { kind: 'unassigned' }
  | { kind: 'user'; id: string }
  | { kind: 'team'; id: string };

export function invalid(name: string, message: string): never {
  throw new ValidationError({ [name]: message }, `${name}: ${message}`);
}

/** A parameter given several times or comma-separated (`state=triage&state=analysis`, `state=triage,analysis`). */
export function many(searchParams: URLSearchParams, name: string): string[] {
  return searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A single-valued parameter; empty counts as absent, because a GET form sends every field. */
export function one(searchParams: URLSearchParams, name: string): string | undefined {
  const values = searchParams
    .getAll(name)
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.length > 1 && new Set(values).size > 1) invalid(name, `Give ${name} only once.`);
  return values[0];
}

/**
 * `me` (directly or through a team), `my-teams` (the same people: me or any team I am a
 * member of, the dashboard's "my teams" scope, kept as its own word so its links say what
 * they mean), `unassigned`, `user:<id>` or `team:<id>`.
 */
export function parseOwnerFilter(
  value: string | undefined,
  viewer: { userId: string; teamIds: readonly string[] },
): OwnerFilter | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'me' || v === 'my-teams')
    return { kind: v, userId: viewer.userId, teamIds: [...viewer.teamIds] };
  if (v === 'unassigned') return { kind: 'unassigned' };
  const match = /^(user|team):(.+)$/.exec(v);
  if (!match || !UUID.test(match[2]))
    invalid('owner', 'Use me, my-teams, unassigned, user:<id> or team:<id>.');
  return match[1] === 'user' ? { kind: 'user', id: match[2] } : { kind: 'team', id: match[2] };
}

/** A date is a whole day in the viewer's zone; a full ISO datetime is that instant. */
export function parseBound(
  name: string,
  text: string | undefined,
  end: boolean,
  timeZone: string,
): TimeBound | undefined {
  if (!text) return undefined;
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = new TZDate(y, m - 1, d, timeZone);
    // Rejects 2026-02-30, which Date would quietly turn into March 2.
    if (start.getFullYear() !== y || start.getMonth() !== m - 1 || start.getDate() !== d)
      invalid(name, `${text} is not a date.`);
    const at = end ? new TZDate(y, m - 1, d + 1, timeZone) : start;
    return { text, at: new Date(at.getTime()) };
  }
  if (!isoDateTime.safeParse(text).success)
    invalid(name, 'Use a date like 2026-11-28 or a time like 2026-11-28T14:05:00-06:00.');
  const instant = new Date(text);
  // An instant given as the end is included: the exclusive bound is just after it.
  return { text, at: end ? new Date(instant.getTime() + 1) : instant };
}

/** The zone dates in the URL are read in: the viewer's, when it is a real one. */
export function listTimeZone(viewer: { timeZone?: string | null }): string {
  return viewer.timeZone && isValidTimeZone(viewer.timeZone) ? viewer.timeZone : 'UTC';
}

/** `<prefix>From` and `<prefix>To` (dueFrom, dueTo): the end must come after the start. */
export function parseRange(
  searchParams: URLSearchParams,
  prefix: string,
  timeZone: string,
): TimeRange {
  const from = parseBound(`${prefix}From`, one(searchParams, `${prefix}From`), false, timeZone);
  const to = parseBound(`${prefix}To`, one(searchParams, `${prefix}To`), true, timeZone);
  if (from && to && to.at.getTime() <= from.at.getTime())
    invalid(`${prefix}To`, `Must be on or after ${prefix}From.`);
  return { from, to };
}

/** The free-text search `q`, at most `max` characters. */
export function parseQuery(searchParams: URLSearchParams, max: number): string | undefined {
  const q = one(searchParams, 'q');
  if (q && q.length > max) invalid('q', `Use at most ${max} characters.`);
  return q;
}

/**
 * Values of an enumerated parameter, lowercased and without repeats. The message lists the
 * allowed values, and `orAlso` when the parameter takes one more word (state=all).
 */
export function parseEnumList<T extends string>(
  values: string[],
  allowed: readonly T[],
  name: string,
  label: string,
  orAlso?: string,
): T[] {
  const out: T[] = [];
  const choices = allowed.join(', ') + (orAlso ? ` or ${orAlso}` : '');
  for (const value of values) {
    const v = value.toLowerCase();
    if (!(allowed as readonly string[]).includes(v))
      invalid(name, `Unknown ${label} "${value}"; use ${choices}.`);
    if (!out.includes(v as T)) out.push(v as T);
  }
  return out;
}

/** `state`: the states asked for, every state for `all`, the list's default when absent. */
export function parseStateFilter<T extends string>(
  searchParams: URLSearchParams,
  states: readonly T[],
  defaults: readonly T[],
  orAlso?: string,
): { states: T[]; allStates: boolean } {
  const values = many(searchParams, 'state').map((s) => s.toLowerCase());
  if (values.includes('all')) return { states: [...states], allStates: true };
  if (!values.length) return { states: [...defaults], allStates: false };
  return { states: parseEnumList(values, states, 'state', 'state', orAlso), allStates: false };
}
