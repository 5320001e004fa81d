import { z } from 'zod';
import {
  parsePolicyFilter,
  serializePolicyFilter,
  type PolicyFilter,
} from '@/lib/list/policy-filter';
import type { ListViewer } from '@/lib/tickets/list-viewer';
import { UUID_SOURCE } from '@/lib/uuid';

// One parser for the Task Schedules list: the page, its CSV export and GET /api/v1/schedules
// read the same query string the same way, so what you see is what you export. The older
// fields fall back to "any" when malformed; the policy, framework and my-teams filters are
// checked strictly (a 400 naming the parameter), because an examiner's link to a policy
// that does not exist must not answer with an empty list that reads as "nothing mapped".

export const SCHEDULE_STATUSES = ['all', 'active', 'paused'] as const;

export const scheduleListParams = z.object({
  status: z.enum(SCHEDULE_STATUSES).catch('all').default('all'),
  owner: z
    .string()
    .regex(new RegExp(`^(user|team):${UUID_SOURCE}$|^my-teams$`, 'i'))
    .optional()
    .catch(undefined),
  tag: z.string().max(60).trim().toLowerCase().optional().catch(undefined),
  group: z.string().max(100).trim().optional().catch(undefined),
  name: z.string().max(200).trim().optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});

export type ScheduleListParams = z.output<typeof scheduleListParams> & {
  /** For owner=my-teams: the viewer and the teams they are a member of. */
  ownerTeams?: { userId: string; teamIds: string[] };
  /** Absent for callers that build params by hand (no policy filter). */
  policy?: PolicyFilter;
};

type Search = URLSearchParams | Record<string, string | string[] | undefined>;

function toSearchParams(search: Search): URLSearchParams {
  if (search instanceof URLSearchParams) return search;
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    for (const v of [value ?? []].flat()) out.append(key, v);
  return out;
}

export function parseScheduleListParams(search: Search, viewer: ListViewer): ScheduleListParams {
  const searchParams = toSearchParams(search);
  const get = (key: string) => searchParams.get(key) || undefined;
  const base = scheduleListParams.parse(
    Object.fromEntries(
      ['status', 'owner', 'tag', 'group', 'name', 'cursor', 'limit'].map((k) => [k, get(k)]),
    ),
  );
  const myTeams = base.owner?.toLowerCase() === 'my-teams';
  return {
    ...base,
    owner: myTeams ? 'my-teams' : base.owner,
    ownerTeams: myTeams ? { userId: viewer.userId, teamIds: [...viewer.teamIds] } : undefined,
    policy: parsePolicyFilter(searchParams, viewer.policies),
  };
}

/** The query string of a list state, without defaults (for links and the export). */
export function scheduleListQuery(params: Partial<ScheduleListParams>): string {
  const search = new URLSearchParams();
  if (params.status && params.status !== 'all') search.set('status', params.status);
  for (const key of ['owner', 'tag', 'group', 'name'] as const)
    if (params[key]) search.set(key, params[key]!);
  if (params.policy) serializePolicyFilter(search, params.policy);
  if (params.cursor) search.set('cursor', params.cursor);
  const text = search.toString();
  return text ? `?${text}` : '';
}
