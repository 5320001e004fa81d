import { sql, type SQL } from 'drizzle-orm';
import { csvDateTime, zonedHeader } from '@/lib/csv/spreadsheet-dates';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { csvLine, csvPlainCell, csvTextCell } from './export-csv-line';
import type { TicketKind } from './ticket-kind';

// What every kind's CSV export shares: its header (date-time columns name the viewer's zone)
// and the columns read from the kind's child tables.
//
// Watchers and policies are aggregated once per export, grouped by ticket and joined by id,
// rather than by a subquery run for each row: a million incidents spent a minute in those
// subqueries (scripts/bench/incidents.ts) and a few seconds in the grouped joins.

/** A CSV column's header, and whether it holds date-times written in the viewer's zone. */
export type ExportColumn = { label: string; zoned?: true };

/** A column with the SQL of its cells; plain when the query makes the text itself (numbers, states, times). */
export type ExportCell = ExportColumn & { value: SQL; plain?: true };

/** The export's one selected value: the whole CSV record of a row (export-csv-line.ts). */
export function exportLine(columns: readonly ExportCell[]) {
  return csvLine(columns.map((c) => (c.plain ? csvPlainCell(c.value) : csvTextCell(c.value)))).as(
    'line',
  );
}

/** The zone an export's times are written in: streamQueryCsv falls back to UTC the same way. */
export function exportTimeZone(viewerTimeZone: string): string {
  return isValidTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
}

/** The header row: "Created (America/Chicago)" for date-times, the label for the rest. */
export function exportHeader(columns: readonly ExportColumn[], viewerTimeZone: string): string[] {
  const zone = exportTimeZone(viewerTimeZone);
  return columns.map((c) => (c.zoned ? zonedHeader(c.label, zone) : c.label));
}

/** A date-time cell: 2026-12-01 14:05:00 in the session's zone (the viewer's, set by streamQueryCsv). */
export const exportDateTime = (column: unknown) => sql<string | null>`${csvDateTime(column)}`;

/** A grouped subquery to left-join on the ticket's id, and the text column it adds. */
export type GroupedColumn = { from: SQL; on: SQL; value: SQL<string | null> };

/** Watchers by name: "Dana Whitfield; Sara Lopez". */
export function watchersCsvColumn(kind: TicketKind): GroupedColumn {
  const w = kind.watchers;
  return {
    from: sql`(
      select ${w.ticketId} as ticket_id, string_agg(wu.name, '; ' order by wu.name) as names
      from ${w.table} join users wu on wu.id = ${w.table.userId}
      group by ${w.ticketId}) as export_watchers`,
    on: sql`export_watchers.ticket_id = ${kind.table.id}`,
    value: sql<string | null>`export_watchers.names`,
  };
}

/** Policies by framework and reference: "FFIEC IT-3; SOX 404". */
export function policiesCsvColumn(kind: TicketKind): GroupedColumn {
  const p = kind.policies;
  return {
    from: sql`(
      select ${p.ticketId} as ticket_id,
        string_agg(p.framework || ' ' || p.reference, '; ' order by p.framework, p.reference) as refs
      from ${p.table} join policies p on p.id = ${p.table.policyId}
      group by ${p.ticketId}) as export_policies`,
    on: sql`export_policies.ticket_id = ${kind.table.id}`,
    value: sql<string | null>`export_policies.refs`,
  };
}
