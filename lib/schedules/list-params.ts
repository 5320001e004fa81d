import { z } from 'zod';

// One parser for the Task Schedules list: the page, its CSV export and GET /api/v1/schedules
// read the same query string the same way, so what you see is what you export.

export const SCHEDULE_STATUSES = ['all', 'active', 'paused'] as const;

export const scheduleListParams = z.object({
  status: z.enum(SCHEDULE_STATUSES).catch('all').default('all'),
  owner: z
    .string()
    .regex(/^(user|team):[0-9a-f-]{36}$/i)
    .optional()
    .catch(undefined),
  tag: z.string().trim().toLowerCase().max(60).optional().catch(undefined),
  group: z.string().trim().max(100).optional().catch(undefined),
  name: z.string().trim().max(200).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type ScheduleListParams = z.output<typeof scheduleListParams>;

export function parseScheduleListParams(
  search: URLSearchParams | Record<string, string | string[] | undefined>,
): ScheduleListParams {
  const get = (key: string) => {
    const value = search instanceof URLSearchParams ? search.get(key) : search[key];
    const one = Array.isArray(value) ? value[0] : value;
    return one || undefined;
  };
  return scheduleListParams.parse(
    Object.fromEntries(
      ['status', 'owner', 'tag', 'group', 'name', 'cursor', 'limit'].map((k) => [k, get(k)]),
    ),
  );
}

/** The query string of a list state, without defaults (for links and the export). */
export function scheduleListQuery(params: Partial<ScheduleListParams>): string {
  const search = new URLSearchParams();
  if (params.status && params.status !== 'all') search.set('status', params.status);
  for (const key of ['owner', 'tag', 'group', 'name', 'cursor'] as const)
    if (params[key]) search.set(key, params[key]!);
  const text = search.toString();
  return text ? `?${text}` : '';
}
