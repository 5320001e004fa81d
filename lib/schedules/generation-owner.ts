import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teams, users, type TaskSchedule } from '@/db/schema';
import { getFallbackOwner } from '@/lib/organization/fallback-owner';
import { canOwn } from '@/lib/owners/owner';

export type GenerationOwner = {
  /** "user:<id>", "team:<id>" or "" */
  owner: string;
  /**
   * Set when the schedule's own owner could not take the task: why, in words for the log
   * ("Dana Reyes is deactivated; the task went to TRAC, the organization's fallback owner").
   */
  fallbackReason: string | null;
  /** With fallbackReason: the schedule's side of it ("Dana Reyes is deactivated"). */
  missingOwner?: string;
  /** With fallbackReason: who takes its tasks ("TRAC (team), the organization's fallback owner"). */
  tasksGoTo?: string;
};

/**
 * Who owns a task the schedule generates now: its owner while active; otherwise the
 * organization's fallback owner (lib/organization/fallback-owner.ts), never silently nobody.
 * A schedule created without an owner stays unassigned: that was chosen, and its page says so.
 */
export async function resolveGenerationOwner(
  db: DbOrTx,
  schedule: TaskSchedule,
): Promise<GenerationOwner> {
  let missingOwner: string;
  if (schedule.ownerUserId) {
    const [user] = await db
      .select({ name: users.name, active: users.active, role: users.role })
      .from(users)
      .where(eq(users.id, schedule.ownerUserId));
    // A task cannot go to someone who could not work it (lib/owners/owner.ts refuses them).
    if (user && canOwn(user))
      return { owner: `user:${schedule.ownerUserId}`, fallbackReason: null };
    missingOwner = `${user?.name ?? 'The schedule owner'} is ${user?.active ? 'read-only' : 'deactivated'}`;
  } else if (schedule.ownerTeamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(eq(teams.id, schedule.ownerTeamId));
    if (team) return { owner: `team:${schedule.ownerTeamId}`, fallbackReason: null };
    missingOwner = 'The owning team no longer exists';
  } else {
    return { owner: '', fallbackReason: null };
  }

  const fallback = await getFallbackOwner(db);
  if (!fallback) {
    return {
      owner: '',
      fallbackReason: `${missingOwner}, and no active administrator could take the task: it is unassigned`,
      missingOwner,
      tasksGoTo: 'nobody (unassigned)',
    };
  }
  const passedOver = fallback.passedOver ? ` (${fallback.passedOver})` : '';
  return {
    owner: fallback.owner,
    fallbackReason: `${missingOwner}; the task went to ${fallback.name}, ${fallback.role}${passedOver}`,
    missingOwner,
    tasksGoTo: `${fallback.label}, ${fallback.role}`,
  };
}
