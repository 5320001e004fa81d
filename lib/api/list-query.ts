import type { DbOrTx } from '@/db/client';
import type { UserActor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { PAGE_SIZE } from '@/lib/incidents/get-incidents';
import {
  parseIncidentListParams,
  type IncidentListParams,
  type IncidentListViewer,
} from '@/lib/incidents/list-params';
import { getListViewer } from '@/lib/tickets/list-viewer';

// The list's filters as API query parameters, read by the list's own parser so the API,
// the page and the export agree. The API also refuses parameters it does not know: an
// integration that misspells "severty" should hear so, not get every severity back.

export const MAX_API_LIMIT = 200;

/** Each query parameter the list understands, described for the OpenAPI document. */
export const LIST_QUERY_PARAMETERS = {
  state:
    'States, repeated or comma-separated (triage, analysis, remediation, resolved, closed), or "all". Default: every state but closed.',
  severity: 'Severities, repeated or comma-separated (none, low, medium, high). Default: any.',
  owner:
    'me, my-teams (me or any team I am a member of; the same people as me), unassigned, user:<id> or team:<id>.',
  createdBy: 'me or the id of a person.',
  dueFrom: 'A date (2026-11-28, a whole day in your time zone) or an ISO 8601 time; inclusive.',
  dueTo: 'A date or an ISO 8601 time; inclusive.',
  createdFrom: 'A date or an ISO 8601 time; inclusive.',
  createdTo: 'A date or an ISO 8601 time; inclusive.',
  closedFrom:
    'Closed on or after: a date or an ISO 8601 time; inclusive. Without state, means state=closed (only closed incidents have a closing time).',
  closedTo: 'Closed on or before: a date or an ISO 8601 time; inclusive.',
  policy:
    'The id of a policy the incident is attached to; repeat for any of several. An unknown id is a 400.',
  framework:
    'Attached to a policy of this framework (NIST CSF, CIS, FFIEC, PCI DSS, Custom…), case-insensitive. An unknown framework is a 400.',
  q: 'Title contains this text (case-insensitive), up to 200 characters.',
  response: 'breached or at-risk: unanswered incidents past, or close to, their response target.',
  sort: 'created, due, severity or updated; a leading - sorts descending. Default: -created.',
  cursor: 'The nextCursor of the previous page.',
} as const;

export async function listViewerOf(db: DbOrTx, actor: UserActor): Promise<IncidentListViewer> {
  return getListViewer(db, { id: actor.userId, timeZone: actor.timeZone });
}

/**
 * The list's params from a query string; the parser refuses unknown parameter names. `field`
 * prefixes the names in errors when the query string sits inside a body ("filter.state").
 */
export function parseListQuery(
  searchParams: URLSearchParams,
  viewer: IncidentListViewer,
  options: { extra?: readonly string[]; field?: string } = {},
): IncidentListParams {
  try {
    return parseIncidentListParams(searchParams, viewer, options.extra);
  } catch (error) {
    if (!(error instanceof ValidationError) || !options.field) throw error;
    const fields = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([key, message]) => [
        `${options.field}.${key}`,
        message,
      ]),
    );
    throw new ValidationError(fields, error.message);
  }
}

/** `limit`: 1 to 200 rows a page, 50 when absent. */
export function parseLimit(searchParams: URLSearchParams): number {
  const text = searchParams.get('limit');
  if (text === null || text.trim() === '') return PAGE_SIZE;
  const limit = /^\d{1,4}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(limit >= 1 && limit <= MAX_API_LIMIT)) {
    throw new ValidationError(
      { limit: `Use a whole number from 1 to ${MAX_API_LIMIT}.` },
      `limit: use a whole number from 1 to ${MAX_API_LIMIT}.`,
    );
  }
  return limit;
}
