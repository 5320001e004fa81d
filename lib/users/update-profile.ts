import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { users, type User } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { UserActor } from '@/lib/auth/actor';
import { revokeApiTokensOfUser } from '@/lib/auth/api-tokens';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { revokeOpenPasswordLinks } from './password-links';
import { changePasswordInput, updateProfileInput } from './schemas';

/** Any signed-in user, read-only ones included, changes their own name and time zone. */
export async function updateProfile(
  db: Db,
  actor: UserActor,
  rawInput: z.input<typeof updateProfileInput>,
): Promise<User> {
  const input = parseInput(updateProfileInput, rawInput);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
    if (!before) throw new NotFoundError('Your account no longer exists.');
    const changes = diffFields(before, input, ['name', 'timeZone']);
    if (!Object.keys(changes).length) return before;
    const [after] = await tx
      .update(users)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(users.id, actor.userId))
      .returning();
    await recordActivity(tx, actor, {
      action: 'user.profile-updated',
      entityType: 'user',
      entityId: actor.userId,
      changes,
    });
    return after;
  });
}

/**
 * Changes the user's own password after checking the current one; every session (this one
 * too), every API token and every open set-password link of the user ends.
 */
export async function changeOwnPassword(
  db: Db,
  actor: UserActor,
  rawInput: z.input<typeof changePasswordInput>,
): Promise<{ sessionVersion: number }> {
  const input = parseInput(changePasswordInput, rawInput);
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new NotFoundError('Your account no longer exists.');
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: 'That is not your current password.' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor.userId))
      .returning({ sessionVersion: users.sessionVersion });
    // Someone who knew the old password may hold a reset email or have made a token with it.
    const endedLinks = await revokeOpenPasswordLinks(tx, actor.userId);
    await recordActivity(tx, actor, {
      action: 'user.password-changed',
      entityType: 'user',
      entityId: actor.userId,
      changes: endedLinks ? { openPasswordLinksEnded: { old: null, new: endedLinks } } : {},
    });
    await revokeApiTokensOfUser(tx, actor, actor.userId, 'password-changed');
    return after;
  });
}
