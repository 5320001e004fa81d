import type { DbOrTx } from '@/db/client';
import type { User } from '@/db/schema';
import { getUserById } from '@/lib/users/get-users';

/** What the session cookie claims: whose it is and the session version it was issued under. */
export type SessionClaims = { id: string; sessionVersion: number };

/**
 * The user a session cookie stands for, or undefined once that session has ended: the user
 * was deactivated, or their session version moved on (sign-out, a password change, reset or
 * set by link, deactivation) since the cookie was issued.
 */
export async function getSessionUser(db: DbOrTx, claims: SessionClaims): Promise<User | undefined> {
  const user = await getUserById(db, claims.id);
  if (!user || !user.active || user.sessionVersion !== claims.sessionVersion) return undefined;
  return user;
}
