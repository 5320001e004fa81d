import type { Incident } from '@/db/schema';

/**
 * "Responded" is the first move out of Triage or the first note by an owner: returns the
 * respondedAt to store, unchanged once set.
 */
export function respondedAtAfter(
  incident: Pick<Incident, 'respondedAt'>,
  responded: boolean,
  now: Date,
): Date | null {
  return incident.respondedAt ?? (responded ? now : null);
}
