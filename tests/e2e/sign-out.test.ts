import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { launchBrowser, openSignedIn, signOut } from '../support/browser';

// The shell's Sign out button in the built app: the session cookie it cleared, replayed from a
// copy taken before, no longer opens a page.
const appUrl = inject('appUrl');
const PASSWORD = 'sign out correct horse battery';

let db: Db;
let browser: Browser;
let email: string;

beforeAll(async () => {
  db = createDb(inject('appDatabaseUrl'), { max: 2 });
  // A user of its own: signing out ends every session of that user.
  email = `sign-out-${randomUUID()}@example.com`;
  await createUser(db, systemActor('test'), {
    email,
    name: 'Sign-out tester',
    role: 'user',
    password: PASSWORD,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.close();
});

describe('signing out', () => {
  it('makes a copy of the session cookie useless', async () => {
    const page = await openSignedIn(browser, appUrl, email, PASSWORD);
    const stolen = await page.context().cookies();
    expect(stolen.some((c) => c.name.includes('session-token'))).toBe(true);

    // The copy works while the session lasts.
    const thief = await browser.newContext();
    await thief.addCookies(stolen);
    const before = await thief.newPage();
    await before.goto(`${appUrl}/dashboard`);
    expect(new URL(before.url()).pathname).toBe('/dashboard');

    await signOut(page);

    const after = await thief.newPage();
    await after.goto(`${appUrl}/dashboard`);
    expect(new URL(after.url()).pathname).toBe('/sign-in');
    await thief.close();
  });
});
