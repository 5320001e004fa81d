import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { incidents, type Incident } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';

/**
 * Locks the incident for this transaction and checks the caller edited its latest
 * version: saving over someone else's newer change is refused, never silent.
 */
export async function loadForUpdate(tx: Tx, actor: Actor, incidentId: string, expectedVersion?: number): Promise<Incident> {
  const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for('update');
  if (!incident) throw new NotFoundError('That incident does not exist.');
  if (expectedVersion !== undefined && incident.version !== expectedVersion) throw await changedByConflict(tx, actor, incident, 'This incident');
  return incident;
}
