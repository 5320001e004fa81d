import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { User } from '@/db/schema';
import { userActor, type UserActor } from './actor';
import { REQUESTED_PATH_HEADER, signInPath } from './callback-path';
import { clientAddressFrom } from './client-address';
import { auth } from './next-auth';
import { sessionEndedQuery } from './session-ended-message';
import { getSessionUser } from './session-user';
import { mustEnrolSecondFactor } from '@/lib/users/mfa-requirement';
import { TWO_FACTOR_PATH } from './two-factor-path';
import { can, type Permission } from './permissions';

/**
 * The signed-in user, read fresh from the database once per request: a deactivated user,
 * or a session that has ended (lib/auth/session-user.ts), is refused at once, and a role change
 * takes effect on the next click rather than when the token expires.
 */
const currentSession = cache(() => auth());

export const getSignedInUser = cache(async (): Promise<User | undefined> => {
  const session = await currentSession();
  // Past the organization's idle timeout or absolute lifetime (lib/auth/session-limits.ts).
  if (!session?.user?.id || session.ended) return undefined;
  return getSessionUser(getDb(), session.user);
});

/**
 * Whether this session must set up a second factor before anything else: the organization
 * requires one of the user, they have none, and they signed in with a password. A single
 * sign-on's second factor is the identity provider's to ask (lib/auth/session-callbacks.ts).
 */
export const mustEnrolThisSession = cache(async (user: User): Promise<boolean> => {
  if ((await currentSession())?.signInMethod === 'sso') return false;
  return mustEnrolSecondFactor(getDb(), user);
});

/**
 * The signed-in user, unless this session owes a second factor (mustEnrolThisSession): such a
 * session reaches only the enrolment page (which reads getSignedInUser).
 */
export const getCurrentUser = cache(async (): Promise<User | undefined> => {
  const user = await getSignedInUser();
  if (!user || (await mustEnrolThisSession(user))) return undefined;
  return user;
});

export async function requireUser(): Promise<User> {
  const user = await getSignedInUser();
  if (!user) {
    // A signed-out click on an emailed link returns to that item after signing in; a session
    // that timed out says so there.
    const path = signInPath((await headers()).get(REQUESTED_PATH_HEADER));
    const ended = (await currentSession())?.ended;
    if (!ended) redirect(path);
    const url = new URL(path, 'http://vigil.invalid');
    for (const [name, value] of Object.entries(sessionEndedQuery(ended)))
      url.searchParams.set(name, value);
    redirect(`${url.pathname}${url.search}`);
  }
  if (await mustEnrolThisSession(user)) redirect(TWO_FACTOR_PATH);
  return user;
}

/** For pages: sends the visitor to sign in, or answers 403 when their role may not. */
export async function requirePermission(
  permission: Permission,
): Promise<{ user: User; actor: UserActor }> {
  const user = await requireUser();
  const actor = await actorFor(user);
  if (!can(actor, permission)) forbidden();
  return { user, actor };
}

/** The actor for domain functions, carrying the request id and client address for the log. */
export async function actorFor(user: User): Promise<UserActor> {
  const h = await headers();
  return {
    ...userActor(user),
    requestId: h.get('x-request-id') ?? randomUUID(),
    clientAddress: clientAddressFrom(h) ?? undefined,
  };
}

/** For server actions: the signed-in user as an actor (the domain function checks permission). */
export async function currentActor(): Promise<UserActor> {
  return actorFor(await requireUser());
}
