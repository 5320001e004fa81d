import { stringify } from 'csv-stringify/sync';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { schedulePolicies, scheduleWatchers, policies, users } from '@/db/schema';
import { safeCell } from '@/lib/csv/safe-cell';
import { formatDateTime } from '@/lib/time/format';
import { getSchedules } from './get-schedules';
import type { ScheduleListParams } from './list-params';
import { nextOccurrence } from './recurrence';
import { UNASSIGNED } from '@/lib/owners/owner-label';

export const SCHEDULE_EXPORT_COLUMNS = [
  'Name',
  'Status',
  'Owner',
  'Recurrence',
  'Time zone',
  'Start date',
  'End date',
  'Due in days',
  'Next occurrence',
  'Watchers',
  'Policies',
  'Tags',
  'Group',
  'Query',
  'Description',
  'Library template',
  'RRULE',
  'Created',
  'Updated',
] as const;

/**
 * Every schedule the list's filter matches, as CSV with the recurrence in words. An
 * organization has hundreds of schedules, not millions, so it is built in pages in memory;
 * formula-looking cells are neutralised as in the incidents export.
 */
export async function schedulesCsv(
  db: DbOrTx,
  params: ScheduleListParams,
  viewerTimeZone: string,
  now = new Date(),
): Promise<string> {
  const lines: string[][] = [[...SCHEDULE_EXPORT_COLUMNS]];
  let cursor: string | undefined;
  do {
    const page = await getSchedules(db, { ...params, cursor, limit: 200 });
    const ids = page.rows.map((r) => r.id);
    const [watcherRows, policyRows] = ids.length
      ? await Promise.all([
          db
            .select({
              scheduleId: scheduleWatchers.scheduleId,
              name: users.name,
              frequency: scheduleWatchers.frequency,
            })
            .from(scheduleWatchers)
            .innerJoin(users, eq(users.id, scheduleWatchers.userId))
            .where(inArray(scheduleWatchers.scheduleId, ids))
            .orderBy(asc(users.name)),
          db
            .select({
              scheduleId: schedulePolicies.scheduleId,
              label: sql<string>`${policies.framework} || ' ' || ${policies.reference}`,
            })
            .from(schedulePolicies)
            .innerJoin(policies, eq(policies.id, schedulePolicies.policyId))
            .where(inArray(schedulePolicies.scheduleId, ids))
            .orderBy(asc(policies.framework), asc(policies.reference)),
        ])
      : [[], []];
    for (const row of page.rows) {
      const next = row.active ? nextOccurrence(row.rrule, now) : null;
      lines.push([
        row.name,
        row.active ? 'Active' : 'Paused',
        row.ownerName ?? UNASSIGNED,
        row.recurrenceText,
        row.timeZone,
        row.startDate,
        row.endDate ?? '',
        String(row.dueInDays),
        next ? formatDateTime(next, viewerTimeZone) : '',
        watcherRows
          .filter((w) => w.scheduleId === row.id)
          .map((w) => `${w.name} (${w.frequency === 'all' ? 'all' : 'opened and closed'})`)
          .join('; '),
        policyRows
          .filter((p) => p.scheduleId === row.id)
          .map((p) => p.label)
          .join('; '),
        row.tags.join('; '),
        row.groupName,
        row.query,
        row.description,
        row.templateKey ? `${row.templateKey} v${row.templateVersion}` : '',
        row.rrule.replace('\n', ' '),
        formatDateTime(row.createdAt, viewerTimeZone),
        formatDateTime(row.updatedAt, viewerTimeZone),
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return '\uFEFF' + stringify(lines.map((line, i) => (i === 0 ? line : line.map(safeCell))));
}
