import { eq, sql, type SQL } from 'drizzle-orm';
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
  type ExportColumn,
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
const COLUMNS: readonly (ExportColumn & { value: SQL })[] = [
  { label: 'Number', value: sql`'INC-' || ${incidents.number}` },
  { label: 'Title', value: sql`${incidents.title}` },
  { label: 'State', value: sql`initcap(${incidents.state}::text)` },
  { label: 'Severity', value: sql`initcap(${incidents.severity}::text)` },
  { label: 'Owner', value: ownerLabelSql(ownerUser.name, ownerTeam.name) },
  { label: 'Created By', value: sql`${creator.name}` },
  { label: 'Source', value: sql`initcap(${incidents.source}::text)` },
  { label: 'Created', zoned: true, value: at(incidents.createdAt) },
  { label: 'Updated', zoned: true, value: at(incidents.updatedAt) },
  { label: 'Due', zoned: true, value: at(incidents.dueAt) },
  { label: 'Response Due', zoned: true, value: at(incidents.responseDueAt) },
  { label: 'Responded', zoned: true, value: at(incidents.respondedAt) },
  { label: 'Resolved', zoned: true, value: at(incidents.resolvedAt) },
  { label: 'Closed', zoned: true, value: at(incidents.closedAt) },
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

/** The export's SELECT: one text column per CSV column, in order. */
export function incidentExportQuery(db: Db, params: IncidentListParams) {
  return db
    .select(Object.fromEntries(COLUMNS.map((c, i) => [`c${i}`, c.value.as(`c${i}`)])))
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
  );
}

/** vigil-incidents-20261128-1405.csv, the time in the viewer's zone. */
export function exportFileName(now: Date, timeZone: string): string {
  return csvExportFileName('incidents', now, timeZone);
}
