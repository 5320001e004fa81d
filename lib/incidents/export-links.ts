import { sql } from 'drizzle-orm';
import { incidents } from '@/db/schema';
import type { GroupedColumn } from '@/lib/tickets/export-columns';

// The export's Links column, "duplicate of INC-1042; related to INC-1077", aggregated once
// for every incident with a link and joined by id. Each link reads from its own side, as on
// the incident page (lib/incidents/get-incident.ts).
export function incidentLinksCsvColumn(): GroupedColumn {
  return {
    from: sql`(
      select ticket_id, string_agg(label, '; ' order by other_number) as labels
      from (
        select l.from_incident_id as ticket_id, o.number as other_number,
          case l.kind when 'related' then 'related to' when 'duplicate_of' then 'duplicate of' else 'parent of' end
            || ' INC-' || o.number as label
        from incident_links l join incidents o on o.id = l.to_incident_id
        union all
        select l.to_incident_id, o.number,
          case l.kind when 'related' then 'related to' when 'duplicate_of' then 'duplicated by' else 'child of' end
            || ' INC-' || o.number
        from incident_links l join incidents o on o.id = l.from_incident_id
      ) as both_sides
      group by ticket_id) as export_links`,
    on: sql`export_links.ticket_id = ${incidents.id}`,
    value: sql<string | null>`export_links.labels`,
  };
}
