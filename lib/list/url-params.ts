import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';

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

/** `me` (directly or through a team), `unassigned`, `user:<id>` or `team:<id>`. */
export function parseOwnerFilter(
  value: string | undefined,
  viewer: { userId: string; teamIds: readonly string[] },
): OwnerFilter | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'me') return { kind: 'me', userId: viewer.userId, teamIds: [...viewer.teamIds] };
  if (v === 'unassigned') return { kind: 'unassigned' };
  const match = /^(user|team):(.+)$/.exec(v);
  if (!match || !UUID.test(match[2]))
    invalid('owner', 'Use me, unassigned, user:<id> or team:<id>.');
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
