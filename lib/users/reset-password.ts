import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { passwordSchema } from './schemas';

/**
 * An administrator sets a new password for a user (generated unless given) and ends the
 * user's existing sessions. Returns the password so it can be handed over once.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: string,
  password?: string,
): Promise<{ password: string }> {
  assertCan(actor, 'users.manage');
  const newPassword = password === undefined ? generatePassword() : parseInput(z.object({ password: passwordSchema }), { password }).password;
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!updated) throw new NotFoundError('That user does not exist.');
    // The log says that it happened, never the password.
    await recordActivity(tx, actor, { action: 'user.password-reset', entityType: 'user', entityId: userId });
  });
  return { password: newPassword };
}
