import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teams, users, type TaskSchedule } from '@/db/schema';

export type GenerationOwner = {
  /** "user:<id>", "team:<id>" or "" */
  owner: string;
  /** Set when the schedule's own owner could not take the task: why, in words for the log. */
  fallbackReason: string | null;
};

/** Who owns a task the schedule generates now. */
export async function resolveGenerationOwner(db: DbOrTx, schedule: TaskSchedule): Promise<GenerationOwner> {
  if (schedule.ownerUserId) {
    const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, schedule.ownerUserId));
    return user?.active ? { owner: `user:${schedule.ownerUserId}`, fallbackReason: null } : { owner: '', fallbackReason: 'the schedule owner is deactivated' };
  }
  if (schedule.ownerTeamId) {
    const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, schedule.ownerTeamId));
    return team ? { owner: `team:${schedule.ownerTeamId}`, fallbackReason: null } : { owner: '', fallbackReason: 'the owning team no longer exists' };
  }
  return { owner: '', fallbackReason: null };
}
