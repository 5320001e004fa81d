import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { incidents } from '@/db/schema';
import { csvExportFileName } from '@/lib/csv/download';
import { csvIso, streamQueryCsv } from '@/lib/csv/stream-query-csv';
import { policiesCsvColumn, watchersCsvColumn } from '@/lib/tickets/export-columns';
import {
  creator,
  incidentFilterWhere,
  incidentOrderBy,
  ownerTeam,
  ownerUser,
} from './get-incidents';
import type { IncidentListParams } from './list-params';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';
import { incidentKind } from './ticket-kind';

// "Export exactly what is filtered": the same filter condition and order as the list,
// streamed 1,000 rows at a time.

export const EXPORT_COLUMNS = [
  'Number',
  'Title',
  'State',
  'Severity',
  'Owner',
  'Created By',
  'Created',
  'Due',
  'Response Due',
  'Responded',
  'Resolved',
  'Closed',
  'Watchers',
  'Policies',
  'Links',
  'Description',
] as const;

const iso = csvIso;

// How a link reads from each side, as on the incident page (lib/incidents/get-incident.ts).
const linksSubquery = sql`(
  select string_agg(label, '; ' order by n)
  from (
    select case l.kind when 'related' then 'related to' when 'duplicate_of' then 'duplicate of' else 'parent of' end || ' INC-' || o.number as label, o.number as n
    from incident_links l join incidents o on o.id = l.to_incident_id
    where l.from_incident_id = ${incidents.id}
    union all
    select case l.kind when 'related' then 'related to' when 'duplicate_of' then 'duplicated by' else 'child of' end || ' INC-' || o.number, o.number
    from incident_links l join incidents o on o.id = l.from_incident_id
    where l.to_incident_id = ${incidents.id}
  ) links
)`;

/** The export's SELECT: one column per CSV column, in order, each already text. */
export function incidentExportQuery(db: Db, params: IncidentListParams) {
  return db
    .select({
      number: sql<string>`'INC-' || ${incidents.number}`.as('number'),
      title: sql<string>`${incidents.title}`.as('title'),
      state: sql<string>`initcap(${incidents.state}::text)`.as('state'),
      severity: sql<string>`initcap(${incidents.severity}::text)`.as('severity'),
      owner: ownerLabelSql(ownerUser.name, ownerTeam.name).as('owner'),
      createdBy: sql<string | null>`${creator.name}`.as('created_by'),
      created: iso(incidents.createdAt).as('created'),
      due: iso(incidents.dueAt).as('due'),
      responseDue: iso(incidents.responseDueAt).as('response_due'),
      responded: iso(incidents.respondedAt).as('responded'),
      resolved: iso(incidents.resolvedAt).as('resolved'),
      closed: iso(incidents.closedAt).as('closed'),
      watchers: watchersCsvColumn(incidentKind),
      policies: policiesCsvColumn(incidentKind),
      links: sql<string | null>`${linksSubquery}`.as('links'),
      description: sql<string>`${incidents.description}`.as('description'),
    })
    .from(incidents)
    .leftJoin(ownerUser, eq(ownerUser.id, incidents.ownerUserId))
    .leftJoin(ownerTeam, eq(ownerTeam.id, incidents.ownerTeamId))
    .leftJoin(creator, eq(creator.id, incidents.createdById))
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
    EXPORT_COLUMNS,
    viewerTimeZone,
  );
}

/** vigil-incidents-20261128-1405.csv, the time in the viewer's zone. */
export function exportFileName(now: Date, timeZone: string): string {
  return csvExportFileName('incidents', now, timeZone);
}
