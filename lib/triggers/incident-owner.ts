import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teams, users, type EventTrigger } from '@/db/schema';
import { getFallbackOwner } from '@/lib/organization/fallback-owner';
import { canOwn } from '@/lib/owners/owner';

/**
 * Who owns the incident a trigger opens: its owner while they can work it; otherwise the
 * organization's fallback owner (as a schedule's tasks do), and the incident says why. An
 * alert must never fail to open because its owner left.
 */
export async function triggerIncidentOwner(
  db: DbOrTx,
  trigger: EventTrigger,
): Promise<{ owner: string; note: string | null }> {
  let missing: string;
  if (trigger.ownerUserId) {
    const [user] = await db
      .select({ name: users.name, active: users.active, role: users.role })
      .from(users)
      .where(eq(users.id, trigger.ownerUserId));
    if (user && canOwn(user)) return { owner: `user:${trigger.ownerUserId}`, note: null };
    missing = `${user?.name ?? 'The trigger owner'} is ${user?.active ? 'read-only' : 'deactivated'}`;
  } else if (trigger.ownerTeamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(eq(teams.id, trigger.ownerTeamId));
    if (team) return { owner: `team:${trigger.ownerTeamId}`, note: null };
    missing = 'The owning team no longer exists';
  } else {
    return { owner: '', note: null };
  }
  const fallback = await getFallbackOwner(db);
  if (!fallback) return { owner: '', note: `${missing}; nobody could take it: it is unassigned.` };
  return {
    owner: fallback.owner,
    note: `${missing}; it went to ${fallback.name}, ${fallback.role}.`,
  };
}
