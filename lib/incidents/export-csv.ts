import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { alias } from 'drizzle-orm/pg-core';
import { incidents, users } from '@/db/schema';
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
import {
  creator,
  incidentFilterWhere,
  incidentOrderBy,
  ownerTeam,
  ownerUser,
} from './get-incidents';
import type { IncidentListParams } from './list-params';
import { incidentLinksCsvColumn } from './export-links';
import { incidentKind } from './ticket-kind';

// "Export exactly what is filtered": the same filter condition and order as the list,
// streamed 1,000 rows at a time. Every cell is text made by PostgreSQL (times in the
// viewer's zone), so Node only quotes and writes.

const watchers = watchersCsvColumn(incidentKind);
const policies = policiesCsvColumn(incidentKind);
const links = incidentLinksCsvColumn();
const closer = alias(users, 'closer');

/** The columns, in order: the header's label and the SQL text of each cell. */
const COLUMNS: readonly ExportCell[] = [
  { label: 'Number', plain: true, value: sql`'INC-' || ${incidents.number}` },
  { label: 'Title', value: sql`${incidents.title}` },
  { label: 'State', plain: true, value: sql`initcap(${incidents.state}::text)` },
  { label: 'Severity', plain: true, value: sql`initcap(${incidents.severity}::text)` },
  { label: 'Owner', value: ownerLabelSql(ownerUser.name, ownerTeam.name) },
  { label: 'Created By', value: sql`${creator.name}` },
  { label: 'Source', plain: true, value: sql`initcap(${incidents.source}::text)` },
  { label: 'Created', zoned: true, plain: true, value: at(incidents.createdAt) },
  { label: 'Updated', zoned: true, plain: true, value: at(incidents.updatedAt) },
  { label: 'Due', zoned: true, plain: true, value: at(incidents.dueAt) },
  { label: 'Response Due', zoned: true, plain: true, value: at(incidents.responseDueAt) },
  { label: 'Responded', zoned: true, plain: true, value: at(incidents.respondedAt) },
  { label: 'Resolved', zoned: true, plain: true, value: at(incidents.resolvedAt) },
  { label: 'Closed', zoned: true, plain: true, value: at(incidents.closedAt) },
  { label: 'Closed By', value: sql`${closer.name}` },
  { label: 'Closing Note', value: sql`${incidents.closingNote}` },
  { label: 'Watchers', value: watchers.value },
  { label: 'Policies', value: policies.value },
  { label: 'Links', value: links.value },
  { label: 'Description', value: sql`${incidents.description}` },
];

/** The columns' labels, in order (the header adds the zone to the date-time ones). */
export const EXPORT_COLUMNS: readonly string[] = COLUMNS.map((c) => c.label);

/** The header row for a viewer: "Created (America/Chicago)". */
export function incidentExportHeader(viewerTimeZone: string): string[] {
  return exportHeader(COLUMNS, viewerTimeZone);
}

/** The export's SELECT: one row per incident, each its whole CSV record (export-csv-line.ts). */
export function incidentExportQuery(db: Db, params: IncidentListParams) {
  return db
    .select({ line: exportLine(COLUMNS) })
    .from(incidents)
    .leftJoin(ownerUser, eq(ownerUser.id, incidents.ownerUserId))
    .leftJoin(ownerTeam, eq(ownerTeam.id, incidents.ownerTeamId))
    .leftJoin(creator, eq(creator.id, incidents.createdById))
    .leftJoin(closer, eq(closer.id, incidents.closedById))
    .leftJoin(watchers.from, watchers.on)
    .leftJoin(policies.from, policies.on)
    .leftJoin(links.from, links.on)
    .where(incidentFilterWhere(params))
    .orderBy(...incidentOrderBy(params));
}

/** The filtered incidents as CSV, streamed (lib/csv/stream-query-csv.ts). */
export function streamIncidentsCsv(
  db: Db,
  params: IncidentListParams,
  viewerTimeZone: string,
): ReadableStream<Uint8Array> {
  return streamQueryCsv(
    db,
    incidentExportQuery(db, params).toSQL(),
    incidentExportHeader(viewerTimeZone),
    viewerTimeZone,
    { rowsAreLines: true },
  );
}

/** vigil-incidents-20261128-1405.csv, the time in the viewer's zone. */
export function exportFileName(now: Date, timeZone: string): string {
  return csvExportFileName('incidents', now, timeZone);
}
