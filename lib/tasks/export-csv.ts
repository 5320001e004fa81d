import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { tasks } from '@/db/schema';
import { csvExportFileName } from '@/lib/csv/download';
import { csvIso, streamQueryCsv } from '@/lib/csv/stream-query-csv';
import { policiesCsvColumn, watchersCsvColumn } from '@/lib/tickets/export-columns';
import { taskFilterWhere, taskOrderBy, taskOwnerTeam, taskOwnerUser } from './get-tasks';
import type { TaskListParams } from './list-params';
import { overdueCondition } from './overdue';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';
import { taskKind } from './ticket-kind';

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

const iso = csvIso;

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
      generatedLate: sql<string>`case when ${tasks.generatedLate} then 'Yes' else 'No' end`.as(
        'generated_late',
      ),
      watchers: watchersCsvColumn(taskKind),
      policies: policiesCsvColumn(taskKind),
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
export function streamTasksCsv(
  db: Db,
  params: TaskListParams,
  viewerTimeZone: string,
): ReadableStream<Uint8Array> {
  return streamQueryCsv(
    db,
    taskExportQuery(db, params).toSQL(),
    TASK_EXPORT_COLUMNS,
    viewerTimeZone,
  );
}

/** vigil-tasks-20261128-1405.csv, the time in the viewer's zone. */
export function taskExportFileName(now: Date, timeZone: string): string {
  return csvExportFileName('tasks', now, timeZone);
}
