import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users, type FieldChanges } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { revokeApiTokensOfUser } from '@/lib/auth/api-tokens';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { queuePasswordLink, revokeOpenPasswordLinks } from './password-links';
import { passwordSchema } from './schemas';

/**
 * An administrator sets a new password for a user (generated unless given) and ends the
 * user's existing sessions, API tokens and set-password links. Returns the password so it can be handed over once, and (unless
 * `email: false`) queues the password-reset email with a set-password link in the same
 * transaction, so the user can choose their own without the administrator passing one on.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: string,
  password?: string,
  options: { email?: boolean } = {},
): Promise<{ password: string }> {
  assertCan(actor, 'users.manage');
  const newPassword =
    password === undefined
      ? generatePassword()
      : parseInput(z.object({ password: passwordSchema }), { password }).password;
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId))
      .returning();
    if (!updated) throw new NotFoundError('That user does not exist.');
    // Whoever made the reset necessary may hold the old links and tokens: all of them end.
    await revokeOpenPasswordLinks(tx, userId);
    // A deactivated account could not use the link; reactivation is the step that matters.
    const linkExpiresAt =
      options.email !== false && updated.active
        ? await queuePasswordLink(tx, actor, updated, 'reset')
        : undefined;
    // The log says that it happened, never the password.
    const changes: FieldChanges = linkExpiresAt
      ? { setPasswordLinkExpiresAt: { old: null, new: linkExpiresAt.toISOString() } }
      : {};
    await recordActivity(tx, actor, {
      action: 'user.password-reset',
      entityType: 'user',
      entityId: userId,
      changes,
    });
    await revokeApiTokensOfUser(tx, actor, userId, 'password-reset');
  });
  return { password: newPassword };
}
