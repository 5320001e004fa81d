import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, teamMembers, teams, users, type User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { getSessionUser } from '@/lib/auth/session-user';
import { createUser } from '@/lib/users/create-user';
import { setUserActive } from '@/lib/users/set-user-active';
import { startTestIdp, type IdpPerson, type TestIdp } from '../support/oidc-provider';
import { serveCatchAll, type RouteServer } from '../support/route-server';
import { CookieBrowser } from '../support/sso-browser';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// Single sign-on end to end over real HTTP: Auth.js's own route handlers (lib/auth/next-auth.ts)
// against a real OpenID provider (oidc-provider) on loopback, each sign-in walked by a
// cookie-keeping client through authorization, the provider's login and the callback.

const system = systemActor('test');
const PASSWORD = 'correct horse battery staple';
const BASE_ENV = {
  AUTH_SECRET: 'oidc-sign-in-test-secret-0123456789abcdef',
  AUTH_TRUST_HOST: 'true',
  VIGIL_OIDC_NAME: 'Test IdP',
  VIGIL_OIDC_SCOPES: 'openid profile email groups',
};
const SWITCHES = [
  'VIGIL_OIDC_CREATE_USERS',
  'VIGIL_OIDC_ROLE_CLAIM',
  'VIGIL_OIDC_ROLE_MAP',
  'VIGIL_OIDC_TEAMS_CLAIM',
  'VIGIL_PASSWORD_SIGN_IN',
  'VIGIL_BREAK_GLASS_EMAIL',
];
const MAPPING = {
  VIGIL_OIDC_ROLE_CLAIM: 'groups',
  VIGIL_OIDC_ROLE_MAP: 'vigil-admins=admin, vigil-power=power_user, vigil-analysts=user',
  VIGIL_OIDC_TEAMS_CLAIM: 'groups',
};

let db: Db;
let app: RouteServer;
let idp: TestIdp;
let admin: User;
let blueTeamId: string;
const test = setUpAppTestDatabase(async () => {
  db = test.db;
  admin = await makeUser('admin', 'oidc-admin@example.com');
  [{ id: blueTeamId }] = await db
    .insert(teams)
    .values({ name: 'Blue Team' })
    .returning({ id: teams.id });
});

beforeAll(async () => {
  // Auth.js reads its provider list when lib/auth/next-auth.ts loads, so the issuer must be in
  // the environment first: the app's port is known before the provider starts, and the
  // handlers are imported on the first request.
  app = await serveCatchAll('/api/auth', async (request) => {
    const { handlers } = await import('@/lib/auth/next-auth');
    const handler = request.method === 'POST' ? handlers.POST : handlers.GET;
    return handler(request as Parameters<typeof handler>[0]);
  });
  idp = await startTestIdp(`${app.url}/api/auth/callback/oidc`);
  Object.assign(process.env, BASE_ENV, {
    VIGIL_OIDC_ISSUER: idp.issuer,
    VIGIL_OIDC_CLIENT_ID: idp.clientId,
    VIGIL_OIDC_CLIENT_SECRET: idp.clientSecret,
  });
});
afterAll(async () => {
  await app?.close();
  await idp?.close();
});
beforeEach(() => {
  for (const name of SWITCHES) delete process.env[name];
});

let counter = 0;
async function makeUser(role: User['role'], email?: string): Promise<User> {
  counter += 1;
  const { user } = await createUser(db, system, {
    email: email ?? `oidc-${role}-${counter}@example.com`,
    name: `OIDC person ${counter}`,
    role,
    password: PASSWORD,
    invite: false,
  });
  return user;
}

function person(email: string, extra: Partial<IdpPerson> = {}): IdpPerson {
  return { sub: `sub-${email}`, email, email_verified: true, name: 'Pat Example', ...extra };
}

type Session = { user?: { id: string; role: string; sessionVersion: number; email: string } };

/** Signs `who` in through the provider; the page the browser lands on and the session it holds. */
async function ssoSignIn(who: IdpPerson): Promise<{ landed: URL; session: Session }> {
  idp.nextPerson = who;
  const browser = new CookieBrowser();
  const { csrfToken } = (await (await browser.request(`${app.url}/api/auth/csrf`)).json()) as {
    csrfToken: string;
  };
  const start = await browser.request(`${app.url}/api/auth/signin/oidc`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${app.url}/dashboard` }),
  });
  expect(new URL(start.headers.get('location') ?? '').origin).toBe(idp.issuer);
  const landed = await browser.follow(start, app.url);
  return { landed, session: await sessionOf(browser) };
}

async function sessionOf(browser: CookieBrowser): Promise<Session> {
  const response = await browser.request(`${app.url}/api/auth/session`);
  return ((await response.json()) ?? {}) as Session;
}

async function activityOf(userId: string, action: string) {
  return db
    .select()
    .from(activityLog)
    .where(and(eq(activityLog.entityId, userId), eq(activityLog.action, action)));
}

describe('single sign-on with OpenID Connect', () => {
  it('signs a verified email in as the existing user, with their role and session claims', async () => {
    const user = await makeUser('power_user');
    const { landed, session } = await ssoSignIn(person(user.email));
    expect(landed.pathname).toBe('/dashboard');
    expect(session.user).toMatchObject({
      id: user.id,
      role: 'power_user',
      sessionVersion: user.sessionVersion,
    });
    expect(await getSessionUser(db, session.user!)).toMatchObject({ id: user.id });
    const [signedIn] = await activityOf(user.id, 'user.signed-in-with-sso');
    expect(signedIn.actorId).toBe(user.id);
  });

  it('matches the email address whatever its case', async () => {
    const user = await makeUser('user');
    const { session } = await ssoSignIn(person(user.email.toUpperCase()));
    expect(session.user?.id).toBe(user.id);
  });

  it('refuses an email address the provider has not verified', async () => {
    const user = await makeUser('admin');
    const { landed, session } = await ssoSignIn(person(user.email, { email_verified: false }));
    expect(landed.pathname).toBe('/sign-in');
    expect(landed.searchParams.get('sso')).toBe('unverified-email');
    expect(session.user).toBeUndefined();
    expect(await activityOf(user.id, 'user.signed-in-with-sso')).toHaveLength(0);
  });

  it('refuses an unknown email address while just-in-time creation is off', async () => {
    const email = 'nobody-yet@example.com';
    const { landed, session } = await ssoSignIn(person(email, { groups: ['vigil-admins'] }));
    expect(landed.searchParams.get('sso')).toBe('unknown-user');
    expect(session.user).toBeUndefined();
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('creates the account with the mapped role and teams when just-in-time creation is on', async () => {
    Object.assign(process.env, MAPPING, { VIGIL_OIDC_CREATE_USERS: 'true' });
    const email = 'jit-newcomer@example.com';
    const { landed, session } = await ssoSignIn(
      person(email, { name: 'Jo Newcomer', groups: ['vigil-analysts', 'blue team', 'payroll'] }),
    );
    expect(landed.pathname).toBe('/dashboard');
    const [created] = await db.select().from(users).where(eq(users.email, email));
    expect(created).toMatchObject({ name: 'Jo Newcomer', role: 'user', active: true });
    expect(session.user).toMatchObject({ id: created.id, role: 'user' });
    const members = await db.select().from(teamMembers).where(eq(teamMembers.userId, created.id));
    expect(members.map((m) => m.teamId)).toEqual([blueTeamId]);
    const [row] = await activityOf(created.id, 'user.created');
    expect(row.actorLabel).toBe('system:oidc');
    expect(row.changes).toMatchObject({
      role: { old: null, new: 'user' },
      teams: { old: [], new: ['Blue Team'] },
    });
  });

  it('refuses to create an account the role claim grants no role', async () => {
    Object.assign(process.env, MAPPING, { VIGIL_OIDC_CREATE_USERS: 'true' });
    const email = 'jit-roleless@example.com';
    const { landed } = await ssoSignIn(person(email, { groups: ['payroll'] }));
    expect(landed.searchParams.get('sso')).toBe('no-role');
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('applies the role and teams of the claims on each sign-in, logging only changes', async () => {
    Object.assign(process.env, MAPPING);
    const user = await makeUser('read_only');
    const first = await ssoSignIn(person(user.email, { groups: ['vigil-power', 'Blue Team'] }));
    expect(first.session.user?.role).toBe('power_user');
    const [update] = await activityOf(user.id, 'user.updated');
    expect(update.actorLabel).toBe('system:oidc');
    expect(update.changes).toMatchObject({
      role: { old: 'read_only', new: 'power_user' },
      teams: { old: [], new: ['Blue Team'] },
    });

    await ssoSignIn(person(user.email, { groups: ['vigil-power', 'Blue Team'] }));
    expect(await activityOf(user.id, 'user.updated')).toHaveLength(1);

    const demoted = await ssoSignIn(person(user.email, { groups: ['vigil-analysts'] }));
    expect(demoted.session.user?.role).toBe('user');
    const updates = await activityOf(user.id, 'user.updated');
    expect(updates.map((u) => u.changes)).toContainEqual({
      role: { old: 'power_user', new: 'user' },
      teams: { old: ['Blue Team'], new: [] },
    });
  });

  it('refuses a deactivated user and says so in their activity', async () => {
    const user = await makeUser('user');
    await setUserActive(db, { ...system }, user.id, false);
    const { landed, session } = await ssoSignIn(person(user.email));
    expect(landed.searchParams.get('sso')).toBe('deactivated');
    expect(session.user).toBeUndefined();
    const [refusal] = await activityOf(user.id, 'user.sso-refused');
    expect(refusal.changes).toEqual({ reason: { old: null, new: 'deactivated' } });
  });

  it('ends the session on sign-out, as for a password sign-in', async () => {
    const user = await makeUser('user');
    idp.nextPerson = person(user.email);
    const browser = new CookieBrowser();
    const csrf = async () =>
      ((await (await browser.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string })
        .csrfToken;
    const start = await browser.request(`${app.url}/api/auth/signin/oidc`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken: await csrf(), callbackUrl: `${app.url}/dashboard` }),
    });
    await browser.follow(start, app.url);
    const { user: claims } = await sessionOf(browser);
    expect(await getSessionUser(db, claims!)).toBeDefined();

    await browser.request(`${app.url}/api/auth/signout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken: await csrf() }),
    });
    expect(await getSessionUser(db, claims!)).toBeUndefined();
  });
});

describe('password sign-in turned off', () => {
  async function passwordSignIn(email: string): Promise<{ landed: URL; session: Session }> {
    const browser = new CookieBrowser();
    const { csrfToken } = (await (await browser.request(`${app.url}/api/auth/csrf`)).json()) as {
      csrfToken: string;
    };
    const response = await browser.request(`${app.url}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        csrfToken,
        email,
        password: PASSWORD,
        callbackUrl: `${app.url}/dashboard`,
      }),
    });
    return { landed: await browser.follow(response, app.url), session: await sessionOf(browser) };
  }

  it('lets a user in with the right password while it is on', async () => {
    const user = await makeUser('user');
    const { session } = await passwordSignIn(user.email);
    expect(session.user?.id).toBe(user.id);
  });

  it('refuses the right password of a normal user, and lets the break-glass administrator in', async () => {
    Object.assign(process.env, {
      VIGIL_PASSWORD_SIGN_IN: 'off',
      VIGIL_BREAK_GLASS_EMAIL: admin.email.toUpperCase(),
    });
    const user = await makeUser('admin');
    const refused = await passwordSignIn(user.email);
    expect(refused.session.user).toBeUndefined();
    expect(refused.landed.searchParams.get('code')).toBe('password-off');

    const breakGlass = await passwordSignIn(admin.email);
    expect(breakGlass.session.user).toMatchObject({ id: admin.id, role: 'admin' });
  });

  it('leaves single sign-on working while it is off', async () => {
    process.env.VIGIL_PASSWORD_SIGN_IN = 'off';
    const user = await makeUser('user');
    const { session } = await ssoSignIn(person(user.email));
    expect(session.user?.id).toBe(user.id);
  });
});
