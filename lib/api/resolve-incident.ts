import type { DbOrTx } from '@/db/client';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { resolveTicketId, type TicketRouteContext } from './resolve-ticket';

export type IncidentRouteContext = TicketRouteContext;

export function resolveIncidentId(
  db: DbOrTx,
  context: IncidentRouteContext,
): Promise<{ id: string; number: number }> {
  return resolveTicketId(db, incidentKind, context);
}
