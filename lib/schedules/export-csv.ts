import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { schedulePolicies, scheduleWatchers, policies, users } from '@/db/schema';
import { csvDocument, type CsvCell } from '@/lib/csv/csv-text';
import { formatCsvDateTime, zonedHeader } from '@/lib/csv/spreadsheet-dates';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { getSchedules } from './get-schedules';
import type { ScheduleListParams } from './list-params';
import { nextOccurrence } from './recurrence';
import { UNASSIGNED } from '@/lib/owners/owner-label';

export const SCHEDULE_EXPORT_COLUMNS = [
  'ID',
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

/** Columns holding an instant, written in the viewer's zone and named with it in the header. */
const ZONED_COLUMNS: ReadonlySet<string> = new Set(['Next occurrence', 'Created', 'Updated']);

/** The header row, the viewer's zone named in each date-time column: "Created (America/Chicago)". */
export function scheduleExportHeader(timeZone: string): string[] {
  return SCHEDULE_EXPORT_COLUMNS.map((c) => (ZONED_COLUMNS.has(c) ? zonedHeader(c, timeZone) : c));
}

/**
 * The stored recurrence as RFC 5545 text: its DTSTART and RRULE content lines joined by CRLF,
 * as an iCalendar parser reads them (the cell is quoted, so the line break stays inside it).
 */
export function icalendarRecurrence(rrule: string): string {
  return rrule.split(/\r?\n/).join('\r\n');
}

/**
 * Every schedule the list's filter matches, as CSV with the recurrence in words and as
 * iCalendar text. The ID column is what a task's Schedule column holds. An organization has
 * hundreds of schedules, not millions, so it is built in pages in memory; formula-looking
 * cells are neutralised by csvDocument as in every export.
 */
export async function schedulesCsv(
  db: DbOrTx,
  params: ScheduleListParams,
  viewerTimeZone: string,
  now = new Date(),
): Promise<string> {
  const zone = isValidTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
  const lines: CsvCell[][] = [];
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
        row.id,
        row.name,
        row.active ? 'Active' : 'Paused',
        row.ownerName ?? UNASSIGNED,
        row.recurrenceText,
        row.timeZone,
        row.startDate,
        row.endDate ?? '',
        row.dueInDays,
        formatCsvDateTime(next, zone),
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
        icalendarRecurrence(row.rrule),
        formatCsvDateTime(row.createdAt, zone),
        formatCsvDateTime(row.updatedAt, zone),
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return csvDocument(scheduleExportHeader(zone), lines);
}
