import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, type User } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { revokeApiTokensOfUser } from '@/lib/auth/api-tokens';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { assertAnAdministratorRemains, lockAdministratorChanges } from './last-admin-guard';
import { revokeOpenPasswordLinks } from './password-links';

/**
 * Deactivates or reactivates a user. Users are never deleted: incidents, tasks and the
 * activity log refer to them. Deactivation ends their sessions at once and revokes their API
 * tokens and set-password links: a reactivated user starts with none.
 */
export async function setUserActive(
  db: Db,
  actor: Actor,
  userId: string,
  active: boolean,
): Promise<User> {
  assertCan(actor, 'users.manage');
  if (!active && actor.kind === 'user' && actor.userId === userId) {
    throw new ValidationError({ active: 'You cannot deactivate your own account.' });
  }
  return db.transaction(async (tx) => {
    await lockAdministratorChanges(tx);
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new NotFoundError('That user does not exist.');
    if (before.active === active) return before;

    const [after] = await tx
      .update(users)
      .set({
        active,
        deactivatedAt: active ? null : sql`now()`,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId))
      .returning();
    if (!active) await assertAnAdministratorRemains(tx, 'active');
    await recordActivity(tx, actor, {
      action: active ? 'user.reactivated' : 'user.deactivated',
      entityType: 'user',
      entityId: userId,
      changes: { active: { old: before.active, new: active } },
    });
    // Revoked rather than refused while inactive, so reactivation revives none of them.
    if (!active) {
      await revokeOpenPasswordLinks(tx, userId);
      await revokeApiTokensOfUser(tx, actor, userId, 'deactivated');
    }
    return after;
  });
}
