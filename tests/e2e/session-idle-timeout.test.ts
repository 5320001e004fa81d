import { randomUUID } from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { launchBrowser, openSignedIn } from '../support/browser';

// In the built app: a session idle past the organization's timeout (30 minutes by default)
// is signed out with a message, while one used within it is kept alive by its cookie alone.
const appUrl = inject('appUrl');
const secret = inject('appAuthSecret');
const PASSWORD = 'sessions correct horse battery';
const MINUTE = 60_000;

let db: Db;
let browser: Browser;
let email: string;

beforeAll(async () => {
  db = createDb(inject('appDatabaseUrl'), { max: 2 });
  email = `sessions-${randomUUID()}@example.com`;
  await createUser(db, systemActor('test'), {
    email,
    name: 'Session tester',
    role: 'user',
    password: PASSWORD,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.close();
});

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** Moves the session's "last seen" back, as if the browser had sat idle that long. */
async function idleFor(page: Page, ms: number): Promise<void> {
  const context = page.context();
  const cookie = await sessionCookie(context);
  const token = await decode({ token: cookie.value, secret, salt: cookie.name });
  const value = await encode({
    token: { ...token, lastSeenAt: Date.now() - ms },
    secret,
    salt: cookie.name,
  });
  await context.addCookies([{ ...cookie, value }]);
}

async function lastSeenAt(page: Page): Promise<number> {
  const cookie = await sessionCookie(page.context());
  const token = await decode({ token: cookie.value, secret, salt: cookie.name });
  return Number(token?.lastSeenAt);
}

describe('the idle timeout', () => {
  it('keeps a session used within it, and ends one idle past it with a message', async () => {
    const page = await openSignedIn(browser, appUrl, email, PASSWORD);

    // 29 minutes idle: still signed in, and the request re-issues the cookie as seen now.
    await idleFor(page, 29 * MINUTE);
    const before = Date.now();
    await page.goto(`${appUrl}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await expect.poll(() => lastSeenAt(page)).toBeGreaterThanOrEqual(before - 1000);

    // 31 minutes idle: signed out, told why, and returned to the page after signing in.
    await idleFor(page, 31 * MINUTE);
    await page.goto(`${appUrl}/incidents`);
    await page.waitForURL(/\/sign-in\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('ended')).toBe('idle');
    expect(url.searchParams.get('callbackUrl')).toBe('/incidents');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Your session ended' }).textContent())
      .toBe('Your session ended after 30 minutes without activity. Sign in again.');

    // The ended cookie stays ended: going on without signing in opens nothing.
    await page.goto(`${appUrl}/dashboard`);
    await page.waitForURL(/\/sign-in/);
    await page.context().close();
  });
});
