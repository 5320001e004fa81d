import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { incidents, users, type Incident } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { formatTime } from '@/lib/time/format';

/**
 * Locks the incident for this transaction and checks the caller edited its latest
 * version: saving over someone else's newer change is refused, never silent.
 */
export async function loadForUpdate(tx: Tx, actor: Actor, incidentId: string, expectedVersion?: number): Promise<Incident> {
  const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for('update');
  if (!incident) throw new NotFoundError('That incident does not exist.');
  if (expectedVersion !== undefined && incident.version !== expectedVersion) {
    const [editor] = incident.updatedById
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, incident.updatedById))
      : [];
    const zone = actor.kind === 'user' ? (actor.timeZone ?? 'UTC') : 'UTC';
    throw new ConflictError(
      `This incident was changed by ${editor?.name ?? 'someone else'} at ${formatTime(incident.updatedAt, zone)} — reload to see it.`,
    );
  }
  return incident;
}
