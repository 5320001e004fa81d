import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { tasks, users } from '@/db/schema';
import { csvExportFileName } from '@/lib/csv/download';
import { streamQueryCsv } from '@/lib/csv/stream-query-csv';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';
import {
  exportDateTime as at,
  exportHeader,
  policiesCsvColumn,
  watchersCsvColumn,
  exportLine,
  type ExportCell,
} from '@/lib/tickets/export-columns';
import { taskFilterWhere, taskOrderBy, taskOwnerTeam, taskOwnerUser } from './get-tasks';
import type { TaskListParams } from './list-params';
import { overdueCondition } from './overdue';
import { taskKind } from './ticket-kind';

// "Export exactly what is filtered": the task list's filter and order, streamed.

const watchers = watchersCsvColumn(taskKind);
const policies = policiesCsvColumn(taskKind);
const completer = alias(users, 'completer');

/** The columns, in order: the header's label and the SQL text of each cell. */
const COLUMNS: readonly ExportCell[] = [
  { label: 'Number', plain: true, value: sql`'TASK-' || ${tasks.number}` },
  { label: 'Title', value: sql`${tasks.title}` },
  { label: 'State', plain: true, value: sql`initcap(${tasks.state}::text)` },
  {
    label: 'Overdue',
    plain: true,
    value: sql`case when ${overdueCondition()} then 'Yes' else 'No' end`,
  },
  { label: 'Owner', value: ownerLabelSql(taskOwnerUser.name, taskOwnerTeam.name) },
  { label: 'Due', zoned: true, plain: true, value: at(tasks.dueAt) },
  // When it was closed or marked invalid, and by whom.
  { label: 'Closed', zoned: true, plain: true, value: at(tasks.closedAt) },
  { label: 'Completed By', value: sql`${completer.name}` },
  { label: 'Findings', value: sql`${tasks.findings}` },
  { label: 'Invalid Reason', value: sql`${tasks.invalidReason}` },
  { label: 'Tags', value: sql`array_to_string(${tasks.tags}, '; ')` },
  // The schedule's id: the schedules CSV's first column, to join on.
  { label: 'Schedule ID', plain: true, value: sql`${tasks.scheduleId}::text` },
  { label: 'Occurrence', zoned: true, plain: true, value: at(tasks.occurrenceAt) },
  {
    label: 'Generated Late',
    plain: true,
    value: sql`case when ${tasks.generatedLate} then 'Yes' else 'No' end`,
  },
  { label: 'Watchers', value: watchers.value },
  { label: 'Policies', value: policies.value },
  { label: 'Created', zoned: true, plain: true, value: at(tasks.createdAt) },
  { label: 'Description', value: sql`${tasks.description}` },
];

/** The columns' labels, in order (the header adds the zone to the date-time ones). */
export const TASK_EXPORT_COLUMNS: readonly string[] = COLUMNS.map((c) => c.label);

/** The header row for a viewer: "Due (America/Chicago)". */
export function taskExportHeader(viewerTimeZone: string): string[] {
  return exportHeader(COLUMNS, viewerTimeZone);
}

/** The export's SELECT: one row per task, each its whole CSV record (export-csv-line.ts). */
export function taskExportQuery(db: Db, params: TaskListParams) {
  return db
    .select({ line: exportLine(COLUMNS) })
    .from(tasks)
    .leftJoin(taskOwnerUser, eq(taskOwnerUser.id, tasks.ownerUserId))
    .leftJoin(taskOwnerTeam, eq(taskOwnerTeam.id, tasks.ownerTeamId))
    .leftJoin(completer, eq(completer.id, tasks.closedById))
    .leftJoin(watchers.from, watchers.on)
    .leftJoin(policies.from, policies.on)
    .where(taskFilterWhere(params))
    .orderBy(...taskOrderBy(params));
}

/** The filtered tasks as CSV: BOM, formula cells neutralised, times in the viewer's zone. */
export function streamTasksCsv(
  db: Db,
  params: TaskListParams,
  viewerTimeZone: string,
): ReadableStream<Uint8Array> {
  return streamQueryCsv(
    db,
    taskExportQuery(db, params).toSQL(),
    taskExportHeader(viewerTimeZone),
    viewerTimeZone,
    { rowsAreLines: true },
  );
}

/** vigil-tasks-20261128-1405.csv, the time in the viewer's zone. */
export function taskExportFileName(now: Date, timeZone: string): string {
  return csvExportFileName('tasks', now, timeZone);
}
