import type { Tx } from '@/db/client';
import { incidentEvents } from '@/db/schema';
import type { StoredEvent } from '@/lib/events/types';

export type EventEvidenceOrigin = {
  /** The search they were selected from, for the link back. */
  search: { query: string; from: Date | null; to: Date | null };
} & ({ addedById: string; triggerId?: never } | { triggerId: string; addedById?: never });

/**
 * Copies events into an incident as evidence (whole, so retention never removes them).
 * An event already on the incident is skipped; returns how many were added. The caller
 * checks permission and records the activity row in the same transaction.
 */
export async function copyEventsToIncident(
  tx: Tx,
  incidentId: string,
  stored: StoredEvent[],
  origin: EventEvidenceOrigin,
): Promise<number> {
  if (!stored.length) return 0;
  const added = await tx
    .insert(incidentEvents)
    .values(
      stored.map((event) => ({
        incidentId,
        eventId: BigInt(event.id),
        occurredAt: event.occurredAt,
        event: {
          ...event,
          occurredAt: event.occurredAt.toISOString(),
          receivedAt: event.receivedAt.toISOString(),
        },
        searchQuery: origin.search.query,
        searchFrom: origin.search.from,
        searchTo: origin.search.to,
        addedById: origin.addedById ?? null,
        triggerId: origin.triggerId ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ eventId: incidentEvents.eventId });
  return added.length;
}
