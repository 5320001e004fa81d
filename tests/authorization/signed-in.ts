import type { User } from '@/db/schema';

// Who the mocked next-auth session says is signed in, for route handlers, server actions
// and pages called in-process: everything after `auth()` (the database re-read of the user,
// the session version, the permission check) is the app's own code.

let claims: { user: { id: string; sessionVersion: number } } | null = null;

export function signInAs(user: User | null): void {
  claims = user ? { user: { id: user.id, sessionVersion: user.sessionVersion } } : null;
}

export async function currentSession() {
  return claims;
}

/** What Next.js throws for forbidden() (next/navigation), and a 403 answer. */
export function isForbidden(outcome: unknown): boolean {
  if (outcome instanceof Response) return outcome.status === 403;
  const digest = (outcome as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;403');
}
