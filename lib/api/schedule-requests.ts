import { copyTemplatesInput } from '@/lib/library/copy-templates';
import { decodeNameCursor } from '@/lib/list/name-cursor';
import { assertKnownParameters } from '@/lib/list/known-parameters';
import { invalid } from '@/lib/list/url-params';
import {
  parseScheduleListParams,
  SCHEDULE_STATUSES,
  type ScheduleListParams,
} from '@/lib/schedules/list-params';
import { createScheduleInput, updateScheduleInput } from '@/lib/schedules/schemas';
import type { ListViewer } from '@/lib/tickets/list-viewer';
import { UUID_SOURCE } from '@/lib/uuid';

// Request bodies and query strings of /api/v1/schedules and /api/v1/library/copy: the
// domain's own schemas made strict, so a misspelt field is a 400 naming it (as for
// incidents and tasks). The routes validate with these first, then hand the raw body to the
// domain function, which parses it again with the same rules.

export const createScheduleBody = createScheduleInput.strict();
export const patchScheduleBody = updateScheduleInput.strict();
export const copyTemplatesBody = copyTemplatesInput.strict();

export const SCHEDULE_LIST_QUERY_PARAMETERS = {
  status: 'all, active or paused. Default: all.',
  owner: 'my-teams (me or any team I am a member of), user:<id> or team:<id>.',
  tag: 'Schedules carrying this tag (case-insensitive), up to 60 characters.',
  group: 'Schedules in this group (its exact name).',
  name: 'Name contains this text (case-insensitive), up to 200 characters.',
  policy:
    'The id of a policy the schedule is attached to; repeat for any of several. An unknown id is a 400.',
  framework:
    'Attached to a policy of this framework (NIST CSF, CIS, FFIEC, PCI DSS, Custom…), case-insensitive. An unknown framework is a 400.',
  cursor: 'The nextCursor of the previous page.',
} as const;

const OWNER = new RegExp(`^(?:(?:user|team):${UUID_SOURCE}|my-teams)$`, 'i');
const MAX_LENGTHS = { tag: 60, group: 100, name: 200 } as const;

/**
 * The list's params from a query string, read by the page's own parser. The page forgives a
 * malformed value (it shows every schedule); the API refuses it with a 400 naming the
 * parameter, as the incident and task lists do, and refuses names it does not know.
 */
export function parseScheduleListQuery(
  searchParams: URLSearchParams,
  viewer: ListViewer,
  extra: readonly string[] = [],
): ScheduleListParams {
  assertKnownParameters(searchParams, [...Object.keys(SCHEDULE_LIST_QUERY_PARAMETERS), ...extra]);
  const status = searchParams.get('status');
  if (status && !(SCHEDULE_STATUSES as readonly string[]).includes(status))
    invalid('status', `Use ${SCHEDULE_STATUSES.join(', ')}.`);
  const owner = searchParams.get('owner');
  if (owner && !OWNER.test(owner)) invalid('owner', 'Use my-teams, user:<id> or team:<id>.');
  for (const [name, max] of Object.entries(MAX_LENGTHS)) {
    if ((searchParams.get(name) ?? '').trim().length > max)
      invalid(name, `Use at most ${max} characters.`);
  }
  const cursor = searchParams.get('cursor');
  if (cursor && !decodeNameCursor(cursor))
    invalid('cursor', 'This page link is damaged or out of date; start again from the first page.');
  return parseScheduleListParams(searchParams, viewer);
}
