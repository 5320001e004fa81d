import { TZDate } from '@date-fns/tz';
import { stringify } from 'csv-stringify/sync';
import { format } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { incidents } from '@/db/schema';
import { safeCell } from '@/lib/csv/safe-cell';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { creator, incidentFilterWhere, incidentOrderBy, ownerTeam, ownerUser } from './get-incidents';
import type { IncidentListParams } from './list-params';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';

// "Export exactly what is filtered": the same filter condition and order as the list,
// read through a PostgreSQL cursor 1,000 rows at a time and turned into CSV one batch per
// pull, so memory stays flat whether the filter matches ten incidents or a million.

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

export const EXPORT_BATCH_ROWS = 1000;
const BOM = '\uFEFF';

// PostgreSQL formats times in the session's zone (set to the viewer's for the export):
// 2026-11-28T14:05:00-06:00. Doing it there keeps a million rows from passing through Date.
const ISO_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM';
const iso = (column: unknown) => sql`to_char(${column}, ${sql.raw(`'${ISO_FORMAT}'`)})`;

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
      watchers: sql<string | null>`(
        select string_agg(wu.name, '; ' order by wu.name)
        from incident_watchers w join users wu on wu.id = w.user_id
        where w.incident_id = ${incidents.id})`.as('watchers'),
      policies: sql<string | null>`(
        select string_agg(p.framework || ' ' || p.reference, '; ' order by p.framework, p.reference)
        from incident_policies ip join policies p on p.id = ip.policy_id
        where ip.incident_id = ${incidents.id})`.as('policies'),
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

function toCsv(rows: (string | null)[][]): string {
  return stringify(rows.map((row) => row.map(safeCell)));
}

/**
 * The filtered incidents as CSV (UTF-8 with a byte-order mark so Excel reads it right),
 * streamed from a cursor on a connection of its own: each pull reads one batch, so a
 * slow client slows the query instead of filling memory. Cancelling closes the cursor.
 */
export function streamIncidentsCsv(db: Db, params: IncidentListParams, viewerTimeZone: string): ReadableStream<Uint8Array> {
  const timeZone = isValidTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
  const query = incidentExportQuery(db, params).toSQL();
  const encoder = new TextEncoder();
  let batches: AsyncIterator<(string | null)[][]> | undefined;
  let prefetched: Promise<IteratorResult<(string | null)[][]>> | undefined;
  let release: (() => Promise<void>) | undefined;

  const finish = async () => {
    const done = release;
    release = undefined;
    await done?.();
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const connection = await db.$client.reserve();
      release = async () => {
        try {
          await prefetched?.catch(() => {});
          await batches?.return?.();
          await connection.unsafe('reset timezone');
        } finally {
          connection.release();
        }
      };
      try {
        // Session-level on a reserved connection, reset before it goes back to the pool.
        await connection.unsafe('select set_config($1, $2, false)', ['TimeZone', timeZone]);
        batches = connection
          .unsafe(query.sql, query.params as never[])
          .values()
          .cursor(EXPORT_BATCH_ROWS)
          [Symbol.asyncIterator]() as AsyncIterator<(string | null)[][]>;
      } catch (error) {
        await finish();
        throw error;
      }
      controller.enqueue(encoder.encode(BOM + stringify([EXPORT_COLUMNS as unknown as string[]])));
    },
    async pull(controller) {
      try {
        const next = await (prefetched ?? batches!.next());
        // Ask for the next batch before formatting this one, so PostgreSQL produces it
        // while we work: the cursor never sits idle waiting for us (one batch ahead at most).
        prefetched = next.done ? undefined : batches!.next();
        if (next.done) {
          await finish();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(toCsv(next.value)));
      } catch (error) {
        await finish().catch(() => {});
        controller.error(error);
      }
    },
    async cancel() {
      await finish();
    },
  }, { highWaterMark: 1 });
}

/** vigil-incidents-20261128-1405.csv, the time in the viewer's zone. */
export function exportFileName(now: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return `vigil-incidents-${format(new TZDate(now.getTime(), zone), 'yyyyMMdd-HHmm')}.csv`;
}

/** The headers of a CSV download: never cached, never sniffed into something runnable. */
export function csvDownloadHeaders(fileName: string): HeadersInit {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
