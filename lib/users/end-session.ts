import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { userActor } from '@/lib/auth/actor';
import type { SessionClaims } from '@/lib/auth/session-user';

/**
 * Signing out: moves the user's session version on, so the cookie just cleared is refused
 * even if a copy of it was taken (the JWT itself stays valid until it expires). Sessions are
 * versioned per user, so the user's other browsers sign out too. Holding the live session is
 * the permission: a cookie whose version already moved on changes nothing.
 */
export async function endSession(db: Db, claims: SessionClaims): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(and(eq(users.id, claims.id), eq(users.sessionVersion, claims.sessionVersion)))
      .returning();
    if (!user) return false;
    await recordActivity(tx, userActor(user), {
      action: 'user.signed-out',
      entityType: 'user',
      entityId: user.id,
    });
    return true;
  });
}
