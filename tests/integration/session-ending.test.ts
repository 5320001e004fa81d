import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as getIncidents } from '@/app/api/v1/incidents/route';
import type { Db } from '@/db/client';
import { activityLog, passwordTokens, users, type User } from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { signPasswordToken } from '@/lib/auth/password-token';
import { getSessionUser } from '@/lib/auth/session-user';
import { endSignedOutSession } from '@/lib/auth/sign-out-event';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { createUser } from '@/lib/users/create-user';
import { resetPassword } from '@/lib/users/reset-password';
import { checkPasswordLink, setPasswordWithLink } from '@/lib/users/set-password-with-link';
import { setUserActive } from '@/lib/users/set-user-active';
import { changeOwnPassword } from '@/lib/users/update-profile';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// What must end a user's API tokens, sessions and open set-password links, proved through the
// real API route and the real session check.

const system = systemActor('test');
const SECRET = 'session-ending-test-secret-0123456789';
const PASSWORD = 'first correct horse battery';
const NEW_PASSWORD = 'second correct horse battery';

let db: Db;
let admin: User;
const test = setUpAppTestDatabase(async () => {
  db = test.db;
  admin = await makeUser('admin');
});

let counter = 0;
async function makeUser(role: User['role'] = 'user'): Promise<User> {
  counter += 1;
  const { user } = await createUser(db, system, {
    email: `session-ending-${role}-${counter}@example.com`,
    name: `Session ending ${counter}`,
    role,
    password: PASSWORD,
  });
  return user;
}

function actorOf(user: User): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role };
}

async function tokenOf(user: User): Promise<string> {
  return (await createApiToken(db, actorOf(user), { userId: user.id, name: 'script' })).token;
}

async function statusWith(token: string): Promise<number> {
  const request = new Request('http://vigil.test/api/v1/incidents', {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await getIncidents(request, { params: Promise.resolve({}) })).status;
}

async function revocationsLogged(userId: string): Promise<unknown[]> {
  const rows = await db
    .select()
    .from(activityLog)
    .where(
      and(eq(activityLog.entityId, userId), eq(activityLog.action, 'user.api-tokens-revoked')),
    );
  return rows.map((r) => r.changes.revokedApiTokens?.new);
}

async function openLinkOf(user: User): Promise<string> {
  const [row] = await db
    .insert(passwordTokens)
    .values({ userId: user.id, purpose: 'reset', expiresAt: new Date(Date.now() + 3600_000) })
    .returning({ id: passwordTokens.id });
  return signPasswordToken(SECRET, row.id);
}

describe('API tokens end', () => {
  it('when the user changes their own password', async () => {
    const user = await makeUser();
    const [first, second] = [await tokenOf(user), await tokenOf(user)];
    expect(await statusWith(first)).toBe(200);
    await changeOwnPassword(db, actorOf(user), {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(await statusWith(first)).toBe(401);
    expect(await statusWith(second)).toBe(401);
    expect(await revocationsLogged(user.id)).toEqual([2]);
  });

  it('when an administrator resets the password', async () => {
    const user = await makeUser();
    const token = await tokenOf(user);
    expect(await statusWith(token)).toBe(200);
    await resetPassword(db, actorOf(admin), user.id);
    expect(await statusWith(token)).toBe(401);
    expect(await revocationsLogged(user.id)).toEqual([1]);
  });

  it('when the password is set with an emailed link', async () => {
    const user = await makeUser();
    const token = await tokenOf(user);
    expect(await statusWith(token)).toBe(200);
    await setPasswordWithLink(db, SECRET, {
      token: await openLinkOf(user),
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(await statusWith(token)).toBe(401);
    expect(await revocationsLogged(user.id)).toEqual([1]);
  });

  it('at deactivation, and reactivating the user does not revive them', async () => {
    const user = await makeUser();
    const token = await tokenOf(user);
    expect(await statusWith(token)).toBe(200);
    await setUserActive(db, actorOf(admin), user.id, false);
    expect(await statusWith(token)).toBe(401);
    await setUserActive(db, actorOf(admin), user.id, true);
    expect(await statusWith(token)).toBe(401);
    // A token issued after reactivation works: only the old ones are gone.
    expect(await statusWith(await tokenOf(user))).toBe(200);
    expect(await revocationsLogged(user.id)).toEqual([1]);
  });
});

describe('signing out', () => {
  it('ends the session: the cookie it was issued with is refused afterwards', async () => {
    const user = await makeUser();
    const result = await signInWithPassword(db, { email: user.email, password: PASSWORD });
    if (!result.ok) throw new Error('sign-in failed');
    // What the session cookie carries (lib/auth/next-auth.ts, jwt callback).
    const claims = { id: user.id, sessionVersion: result.user.sessionVersion };
    expect((await getSessionUser(db, claims))?.id).toBe(user.id);

    await endSignedOutSession({ token: { uid: user.id, sessionVersion: claims.sessionVersion } });
    expect(await getSessionUser(db, claims)).toBeUndefined();
    const logged = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, user.id), eq(activityLog.action, 'user.signed-out')));
    expect(logged).toHaveLength(1);

    // A second sign-out with the now dead cookie changes nothing more.
    const [before] = await db.select().from(users).where(eq(users.id, user.id));
    await endSignedOutSession({ token: { uid: user.id, sessionVersion: claims.sessionVersion } });
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after.sessionVersion).toBe(before.sessionVersion);
  });
});

describe('open set-password links end', () => {
  it('when the user changes their own password', async () => {
    const user = await makeUser();
    const link = await openLinkOf(user);
    expect((await checkPasswordLink(db, SECRET, link)).ok).toBe(true);
    await changeOwnPassword(db, actorOf(user), {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(await checkPasswordLink(db, SECRET, link)).toEqual({ ok: false, problem: 'used' });
    const refused = await setPasswordWithLink(db, SECRET, {
      token: link,
      password: 'third correct horse battery',
      confirmPassword: 'third correct horse battery',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
  });

  it('at deactivation, so reactivating the user does not revive them', async () => {
    const user = await makeUser();
    const link = await openLinkOf(user);
    await setUserActive(db, actorOf(admin), user.id, false);
    await setUserActive(db, actorOf(admin), user.id, true);
    expect((await checkPasswordLink(db, SECRET, link)).ok).toBe(false);
  });
});
