import { sql } from 'drizzle-orm';
import type { TicketKind } from './ticket-kind';

// Export columns every kind's CSV has, as text subqueries on the kind's child tables.

/** "Dana Whitfield; Sara Lopez". */
export function watchersCsvColumn(kind: TicketKind) {
  const w = kind.watchers;
  return sql<string | null>`(
    select string_agg(wu.name, '; ' order by wu.name)
    from ${w.table} join users wu on wu.id = ${w.table.userId}
    where ${w.ticketId} = ${kind.table.id})`.as('watchers');
}

/** "FFIEC IT-3; SOX 404". */
export function policiesCsvColumn(kind: TicketKind) {
  const p = kind.policies;
  return sql<string | null>`(
    select string_agg(p.framework || ' ' || p.reference, '; ' order by p.framework, p.reference)
    from ${p.table} join policies p on p.id = ${p.table.policyId}
    where ${p.ticketId} = ${kind.table.id})`.as('policies');
}
