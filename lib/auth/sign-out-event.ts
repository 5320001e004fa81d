import { getDb } from '@/db/client';
import { endSession } from '@/lib/users/end-session';

/** What Auth.js hands its signOut event: the decoded cookie (JWT sessions) or the session row. */
export type SignOutMessage = {
  token?: { uid?: string; sessionVersion?: number } | null;
  session?: unknown;
};

/**
 * Auth.js's signOut event (lib/auth/next-auth.ts), run by every way of signing out (the
 * shell's button, POST /api/auth/signout): ends the session the cookie stood for.
 */
export async function endSignedOutSession(message: SignOutMessage): Promise<void> {
  const uid = message.token?.uid;
  const sessionVersion = message.token?.sessionVersion;
  if (!uid || typeof sessionVersion !== 'number') return;
  await endSession(getDb(), { id: uid, sessionVersion });
}
