import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { tasks } from '@/db/schema';
import { CSV_ISO_FORMAT, streamQueryCsv } from '@/lib/csv/stream-query-csv';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { taskFilterWhere, taskOrderBy, taskOwnerTeam, taskOwnerUser } from './get-tasks';
import type { TaskListParams } from './list-params';
import { overdueCondition } from './overdue';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';

// "Export exactly what is filtered": the task list's filter and order, streamed.

export const TASK_EXPORT_COLUMNS = [
  'Number',
  'Title',
  'State',
  'Overdue',
  'Owner',
  'Due',
  'Closed',
  'Findings',
  'Invalid Reason',
  'Tags',
  'Schedule',
  'Occurrence',
  'Generated Late',
  'Watchers',
  'Policies',
  'Created',
  'Description',
] as const;

const iso = (column: unknown) => sql`to_char(${column}, ${sql.raw(`'${CSV_ISO_FORMAT}'`)})`;

/** The export's SELECT: one text column per CSV column, in order. */
export function taskExportQuery(db: Db, params: TaskListParams) {
  return db
    .select({
      number: sql<string>`'TASK-' || ${tasks.number}`.as('number'),
      title: sql<string>`${tasks.title}`.as('title'),
      state: sql<string>`initcap(${tasks.state}::text)`.as('state'),
      overdue: sql<string>`case when ${overdueCondition()} then 'Yes' else 'No' end`.as('overdue'),
      owner: ownerLabelSql(taskOwnerUser.name, taskOwnerTeam.name).as('owner'),
      due: iso(tasks.dueAt).as('due'),
      closed: iso(tasks.closedAt).as('closed'),
      findings: sql<string | null>`${tasks.findings}`.as('findings'),
      invalidReason: sql<string | null>`${tasks.invalidReason}`.as('invalid_reason'),
      tags: sql<string>`array_to_string(${tasks.tags}, '; ')`.as('tags'),
      schedule: sql<string | null>`${tasks.scheduleId}::text`.as('schedule'),
      occurrence: iso(tasks.occurrenceAt).as('occurrence'),
      generatedLate: sql<string>`case when ${tasks.generatedLate} then 'Yes' else 'No' end`.as('generated_late'),
      watchers: sql<string | null>`(
        select string_agg(wu.name, '; ' order by wu.name)
        from task_watchers w join users wu on wu.id = w.user_id
        where w.task_id = ${tasks.id})`.as('watchers'),
      policies: sql<string | null>`(
        select string_agg(p.framework || ' ' || p.reference, '; ' order by p.framework, p.reference)
        from task_policies tp join policies p on p.id = tp.policy_id
        where tp.task_id = ${tasks.id})`.as('policies'),
      created: iso(tasks.createdAt).as('created'),
      description: sql<string>`${tasks.description}`.as('description'),
    })
    .from(tasks)
    .leftJoin(taskOwnerUser, eq(taskOwnerUser.id, tasks.ownerUserId))
    .leftJoin(taskOwnerTeam, eq(taskOwnerTeam.id, tasks.ownerTeamId))
    .where(taskFilterWhere(params))
    .orderBy(...taskOrderBy(params));
}

/** The filtered tasks as CSV: BOM, formula cells neutralised, times with the viewer's offset. */
export function streamTasksCsv(db: Db, params: TaskListParams, viewerTimeZone: string): ReadableStream<Uint8Array> {
  return streamQueryCsv(db, taskExportQuery(db, params).toSQL(), TASK_EXPORT_COLUMNS, viewerTimeZone);
}

/** vigil-tasks-20261128-1405.csv, the time in the viewer's zone. */
export function taskExportFileName(now: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return `vigil-tasks-${format(new TZDate(now.getTime(), zone), 'yyyyMMdd-HHmm')}.csv`;
}
