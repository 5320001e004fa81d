import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { findFreePort } from '../../scripts/embedded/free-port';
import { launchBrowser } from '../support/browser';
import { fillField } from '../support/fill-field';
import { startTestIdp, type TestIdp } from '../support/oidc-provider';

// The sign-in page of the built app configured for single sign-on only: a `next start` of its
// own (the shared one has no identity provider) with a real OpenID provider on loopback. The
// password form is behind the break-glass link and refused to everyone else by the server.

const PASSWORD = 'oidc e2e correct horse battery';
const USER_EMAIL = 'sso-analyst@example.com';
const BREAK_GLASS_EMAIL = 'break-glass@example.com';

let appUrl: string;
let idp: TestIdp;
let server: ChildProcess;
let db: Db;
let browser: Browser;
let dropDatabase: () => Promise<void>;
let output = '';

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
  appUrl = `http://127.0.0.1:${port}`;
  idp = await startTestIdp(`${appUrl}/api/auth/callback/oidc`);
  server = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: url.toString(),
      AUTH_SECRET: randomBytes(33).toString('base64'),
      AUTH_TRUST_HOST: 'true',
      VIGIL_PUBLIC_URL: appUrl,
      // The redirect URI Auth.js sends must be the one registered at the provider, whatever
      // host the request names (next start reports its own as localhost).
      AUTH_URL: appUrl,
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
    const up = await fetch(`${appUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await launchBrowser();
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

async function newPage(): Promise<Page> {
  return (await browser.newContext()).newPage();
}

describe('password sign-in turned off in the browser', () => {
  it('refuses a password to everyone but the break-glass administrator', async () => {
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Test IdP' }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
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
});
