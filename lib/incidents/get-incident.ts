import { and, count, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  incidentEvents,
  incidentLinks,
  incidents,
  type Incident,
  type IncidentLinkKind,
} from '@/db/schema';
import { getTicketIdByNumber } from '@/lib/tickets/find-by-number';
import { findTicket, getTicketChildren, type TicketChildren } from '@/lib/tickets/get-detail';
import { incidentKind } from './ticket-kind';

export type IncidentLinkView = {
  id: string;
  kind: IncidentLinkKind;
  /** How the link reads from this incident's side: "duplicate of", "duplicated by", "parent of", "child of", "related to". */
  relation: string;
  number: number;
  title: string;
  state: Incident['state'];
};

export type IncidentDetail = Incident &
  TicketChildren & {
    links: IncidentLinkView[];
    /** Events copied into it as evidence (lib/incidents/event-evidence.ts). */
    eventsCount: number;
  };

export async function getIncidentIdByNumber(
  db: DbOrTx,
  number: number,
): Promise<string | undefined> {
  return getTicketIdByNumber(db, incidentKind, number);
}

/** One incident with everything its page, the API and notifications show. */
export async function getIncidentDetail(
  db: DbOrTx,
  where: { id: string } | { number: number },
): Promise<IncidentDetail | undefined> {
  const incident = await findTicket(db, incidentKind, where);
  if (!incident) return undefined;
  const [children, links, [evidence]] = await Promise.all([
    getTicketChildren(db, incidentKind, incident),
    getLinks(db, incident.id),
    db
      .select({ n: count() })
      .from(incidentEvents)
      .where(eq(incidentEvents.incidentId, incident.id)),
  ]);
  return { ...incident, ...children, links, eventsCount: evidence.n };
}

const RELATION: Record<IncidentLinkKind, [fromSide: string, toSide: string]> = {
  related: ['related to', 'related to'],
  duplicate_of: ['duplicate of', 'duplicated by'],
  parent_of: ['parent of', 'child of'],
};

/** Links seen from one incident: each link shows on both sides, worded for each. */
export async function getLinks(db: DbOrTx, incidentId: string): Promise<IncidentLinkView[]> {
  const rows = await db
    .select()
    .from(incidentLinks)
    .where(
      or(eq(incidentLinks.fromIncidentId, incidentId), eq(incidentLinks.toIncidentId, incidentId)),
    );
  if (!rows.length) return [];
  const otherIds = rows.map((r) =>
    r.fromIncidentId === incidentId ? r.toIncidentId : r.fromIncidentId,
  );
  const others = await db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      state: incidents.state,
    })
    .from(incidents)
    .where(and(inArray(incidents.id, otherIds)));
  const byId = new Map(others.map((o) => [o.id, o]));
  return rows
    .map((row) => {
      const outgoing = row.fromIncidentId === incidentId;
      const other = byId.get(outgoing ? row.toIncidentId : row.fromIncidentId)!;
      return {
        id: row.id,
        kind: row.kind,
        relation: RELATION[row.kind][outgoing ? 0 : 1],
        number: other.number,
        title: other.title,
        state: other.state,
      };
    })
    .sort((a, b) => a.number - b.number);
}
