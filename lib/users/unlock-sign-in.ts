import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInUnlocks, users } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { normalizeEmail } from '@/lib/auth/sign-in';
import { NotFoundError } from '@/lib/errors';

/**
 * Clears a user's sign-in throttling: failures against their account before now stop
 * counting, from every address. The failed attempts themselves stay, as evidence; a
 * throttled address (password spraying) is not cleared by unlocking an account.
 */
export async function unlockSignIn(db: Db, actor: Actor, userId: string): Promise<void> {
  assertCan(actor, 'users.manage');
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) throw new NotFoundError('That user does not exist.');
    await tx.insert(signInUnlocks).values({
      email: normalizeEmail(user.email),
      unlockedBy: actor.kind === 'user' ? actor.userId : null,
    });
    await recordActivity(tx, actor, {
      action: 'user.sign-in-unlocked',
      entityType: 'user',
      entityId: userId,
    });
  });
}
