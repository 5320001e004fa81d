import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { organization } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { findFreePort } from '../../scripts/embedded/free-port';
import { launchBrowser } from '../support/browser';
import { fillField } from '../support/fill-field';
import { startTestIdp, type TestIdp } from '../support/oidc-provider';

// Single sign-on in Chromium against the built app: a `next start` of its own (the shared one
// has no identity provider), configured for SSO only, with a real OpenID provider on loopback.
// Chromium applies the page's Content-Security-Policy (form-action) to the whole journey.
// The browser reaches the app by a host name of its own, as a bank's users do behind its proxy,
// and AUTH_URL is not set: the callback must then name the origin the browser used, not the
// address `next start` listens on (app/api/auth/[...nextauth]/route.ts).

const PASSWORD = 'oidc e2e correct horse battery';
const USER_EMAIL = 'sso-analyst@example.com';
const BREAK_GLASS_EMAIL = 'break-glass@example.com';
const APP_HOST = 'vigil.bank.test';

let appUrl: string;
let idp: TestIdp;
let server: ChildProcess;
let db: Db;
let browser: Browser;
let dropDatabase: () => Promise<void>;
let output = '';
const cspViolations: string[] = [];

beforeAll(async () => {
  const admin = postgres(inject('databaseAdminUrl'), { max: 1, onnotice: () => {} });
  const name = `${inject('templateDatabase')}_oidc`;
  await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`);
  dropDatabase = async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
  const url = new URL(inject('databaseAdminUrl'));
  url.pathname = `/${name}`;
  db = createDb(url.toString(), { max: 2 });
  for (const [email, role] of [
    [USER_EMAIL, 'user'],
    [BREAK_GLASS_EMAIL, 'admin'],
  ] as const)
    await createUser(db, systemActor('test'), {
      email,
      name: email.split('@')[0],
      role,
      password: PASSWORD,
      invite: false,
    });

  const port = await findFreePort();
  appUrl = `http://${APP_HOST}:${port}`;
  const listenUrl = `http://127.0.0.1:${port}`;
  idp = await startTestIdp(`${appUrl}/api/auth/callback/oidc`);
  server = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...withoutAuthUrl(process.env),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: url.toString(),
      AUTH_SECRET: randomBytes(33).toString('base64'),
      AUTH_TRUST_HOST: 'true',
      VIGIL_PUBLIC_URL: appUrl,
      VIGIL_OIDC_ISSUER: idp.issuer,
      VIGIL_OIDC_CLIENT_ID: idp.clientId,
      VIGIL_OIDC_CLIENT_SECRET: idp.clientSecret,
      VIGIL_OIDC_NAME: 'Test IdP',
      VIGIL_PASSWORD_SIGN_IN: 'off',
      VIGIL_BREAK_GLASS_EMAIL: BREAK_GLASS_EMAIL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => (output += chunk));
  server.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    const up = await fetch(`${listenUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await launchBrowser([`--host-resolver-rules=MAP ${APP_HOST} 127.0.0.1`]);
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  await idp?.close();
  await db?.close();
  await dropDatabase?.();
});

// What the server said ([auth][error] lines) when a test fails, as the browser only sees ?error=.
afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`next start output:\n${output}`);
});

/** The environment without AUTH_URL, which would pin the origin and hide the difference. */
function withoutAuthUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { AUTH_URL: _authUrl, NEXTAUTH_URL: _nextAuthUrl, ...rest } = env;
  return rest;
}

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  page.on('console', (message) => {
    if (/Content Security Policy|form-action/i.test(message.text()))
      cspViolations.push(message.text());
  });
  return page;
}

describe('single sign-on in the browser', () => {
  it('offers only the provider, and signs a verified user in through it', async () => {
    idp.nextPerson = {
      sub: 'analyst-1',
      email: USER_EMAIL,
      email_verified: true,
      name: 'Sso Analyst',
    };
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    const button = page.getByRole('button', { name: 'Sign in with Test IdP' });
    await button.waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    await button.click();
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(cspViolations).toEqual([]);
  });

  it('works without scripts too: the form posts and is redirected to the provider', async () => {
    idp.nextPerson = { sub: 'analyst-1', email: USER_EMAIL, email_verified: true };
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
    await page.waitForURL(`${appUrl}/dashboard`);
    expect(cspViolations).toEqual([]);
  });

  it('says why when the provider has not verified the email address', async () => {
    idp.nextPerson = { sub: 'analyst-2', email: USER_EMAIL, email_verified: false };
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
    await page.getByRole('alert').filter({ hasText: 'did not confirm a verified email' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('refuses a password to everyone but the break-glass administrator', async () => {
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('link', { name: 'Emergency administrator sign-in' }).click();
    await page.getByLabel('Password').waitFor();

    await fillField(page.getByLabel('Email address'), USER_EMAIL);
    await fillField(page.getByLabel('Password'), PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Password sign-in is turned off' }).waitFor();

    await fillField(page.getByLabel('Email address'), BREAK_GLASS_EMAIL);
    await fillField(page.getByLabel('Password'), PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${appUrl}/dashboard`);
  });

  // The provider answers for the second factor of a single sign-on (it is where a bank enforces
  // it); the organization's requirement is for Vigil's own password sign-in.
  it('lets a single sign-on through when two-step sign-in is required, and sends a password to enrol', async () => {
    const updated = await db
      .update(organization)
      .set({ mfaRequiredFor: 'everyone' })
      .returning({ id: organization.id });
    if (updated.length === 0)
      await db
        .insert(organization)
        .values({ name: 'SSO Bank', timeZone: 'UTC', mfaRequiredFor: 'everyone' });
    try {
      idp.nextPerson = { sub: 'analyst-1', email: USER_EMAIL, email_verified: true };
      const sso = await newPage();
      await sso.goto(`${appUrl}/sign-in`);
      await sso.getByRole('button', { name: 'Sign in with Test IdP' }).click();
      await sso.waitForURL(`${appUrl}/dashboard`);
      await sso.goto(`${appUrl}/incidents`);
      expect(new URL(sso.url()).pathname).toBe('/incidents');

      const password = await newPage();
      await password.goto(`${appUrl}/sign-in`);
      await password.getByRole('link', { name: 'Emergency administrator sign-in' }).click();
      await fillField(password.getByLabel('Email address'), BREAK_GLASS_EMAIL);
      await fillField(password.getByLabel('Password'), PASSWORD);
      await password.getByRole('button', { name: 'Sign in', exact: true }).click();
      await password.waitForURL(/\/two-factor/);
      await password.goto(`${appUrl}/incidents`);
      expect(new URL(password.url()).pathname).toBe('/two-factor');
    } finally {
      await db.update(organization).set({ mfaRequiredFor: 'nobody' });
    }
  });
});
