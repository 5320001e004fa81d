import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { organization } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { launchBrowser, signIn, signOut } from '../support/browser';
import { fillField } from '../support/fill-field';

// Two-step sign-in in the built app, as a person does it: scan (here: read) the key on the
// setup page, confirm with a code, sign out, and sign in again with password and code. The
// codes are computed here with otplib, as the person's authenticator app would.
const appUrl = inject('appUrl');
const PASSWORD = 'two factor correct horse battery';

let db: Db;
let browser: Browser;

beforeAll(async () => {
  db = createDb(inject('appDatabaseUrl'), { max: 2 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.close();
});

async function newUser(label: string): Promise<string> {
  const email = `${label}-${randomUUID()}@example.com`;
  await createUser(db, systemActor('test'), {
    email,
    name: label,
    role: 'user',
    password: PASSWORD,
  });
  return email;
}

/** The code the app shows `steps` 30-second steps from now (the server allows one either way). */
const codeAt = (secret: string, steps: number, from = Date.now()) =>
  generate({ secret, epoch: Math.floor(from / 1000) + steps * 30 });

async function newPage(): Promise<Page> {
  return (await browser.newContext()).newPage();
}

describe('two-step sign-in', () => {
  it('is set up with a code from the app, then asked for at every sign-in', async () => {
    const email = await newUser('totp');
    const page = await newPage();
    await signIn(page, appUrl, email, PASSWORD);
    await page.waitForURL(`${appUrl}/dashboard`);

    await page.goto(`${appUrl}/settings/profile`);
    await page.getByRole('link', { name: 'Set up two-step sign-in' }).click();
    await page.waitForURL(`${appUrl}/two-factor`);
    await expect
      .poll(() => page.getByAltText('QR code for your authenticator app').getAttribute('src'))
      .toMatch(/^data:image\/png;base64,/);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    // A wrong code is refused and nothing is turned on.
    await fillField(page.getByLabel('Code from the app'), '000000');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByText('That code does not match').first().waitFor();

    const enrolledAt = Date.now();
    await fillField(page.getByLabel('Code from the app'), await codeAt(secret, 0, enrolledAt));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    await page.getByRole('link', { name: 'Continue to Vigil' }).click();
    await page.waitForURL(`${appUrl}/dashboard`);
    await signOut(page);

    // The password alone: asked for the code, still on the sign-in page.
    await signIn(page, appUrl, email, PASSWORD);
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.goto(`${appUrl}/dashboard`);
    await page.waitForURL(/\/sign-in/);

    await signIn(page, appUrl, email, PASSWORD);
    await code.waitFor();
    // The code confirmed at setup is spent (or, on a slow run, too old); the next step's code,
    // which the app shows soon, is later than it.
    await fillField(code, await codeAt(secret, 0, enrolledAt));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('That code is not right').waitFor();
    await fillField(code, await codeAt(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.getByTestId('current-user').waitFor();
    await page.context().close();
  });

  it('sends someone the organization requires it of to set it up, and nowhere else', async () => {
    const email = await newUser('required');
    await db.update(organization).set({ mfaRequiredFor: 'everyone' });
    try {
      const page = await newPage();
      await signIn(page, appUrl, email, PASSWORD);
      await page.waitForURL(`${appUrl}/two-factor`);
      await page.getByText('Your organization requires two-step sign-in').waitFor();
      // Pages, and the downloads a session cookie reaches, are closed until it is set up.
      await page.goto(`${appUrl}/incidents`);
      await page.waitForURL(`${appUrl}/two-factor`);
      const download = await page.request.get(`${appUrl}/incidents/export.csv`, {
        maxRedirects: 0,
      });
      expect(download.status()).toBeGreaterThanOrEqual(300);
      expect(download.status()).toBeLessThan(400);
      expect(new URL(download.headers()['location'], appUrl).pathname).toBe('/two-factor');
      await signOut(page);
      await page.context().close();
    } finally {
      await db.update(organization).set({ mfaRequiredFor: 'nobody' });
    }
  });
});
