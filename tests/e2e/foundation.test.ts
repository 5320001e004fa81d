import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowserPage, screenshot, signIn, signOut } from '../support/browser';
import { chooseOption } from '../support/combobox';

// One analyst's first day, in order: each step builds on the one before, so the file
// runs sequentially with one browser context (its cookies are the session).
const appUrl = inject('appUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const demoPassword = inject('demoPassword');

const SECTIONS = [
  ['/dashboard', 'Dashboard'],
  ['/incidents', 'Incidents'],
  ['/tasks', 'Tasks'],
  ['/schedules', 'Task Schedules'],
  ['/library', 'Library'],
  ['/events', 'Events'],
  ['/policies', 'Policies'],
  ['/settings', 'Settings'],
  ['/settings/users', 'Users'],
  ['/settings/teams', 'Teams'],
  ['/settings/profile', 'Your profile'],
  ['/settings/tokens', 'API tokens'],
] as const;

describe('foundation: sign-in, roles and the app shell', () => {
  let browser: Browser;
  let page: Page;
  const newUser = { name: 'Riley Analyst', email: `riley.${Date.now()}@example.com`, password: '' };

  beforeAll(async () => {
    ({ browser, page } = await openBrowserPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const response = await page.goto(`${appUrl}/settings/users`);
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Sign in',
    );
    await screenshot(page, '01-sign-in');
  });

  it('shows an error for a wrong password and stays on the sign-in page', async () => {
    await signIn(page, appUrl, adminEmail, 'not-the-password');
    const alert = page.locator('form').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('do not match an active account');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // What was typed is kept, so the person only fixes the password.
    expect(await page.getByLabel('Email address').inputValue()).toBe(adminEmail);
    await screenshot(page, '02-wrong-password');
  });

  it('signs the administrator in and shows every section', async () => {
    await signIn(page, appUrl, adminEmail, adminPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    expect(await page.getByTestId('current-user').textContent()).toBe('Vigil Administrator');
    for (const [path, heading] of SECTIONS) {
      const response = await page.goto(`${appUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await page.getByRole('heading', { level: 1 }).textContent(), path).toBe(heading);
      await screenshot(page, `03-admin${path.replaceAll('/', '-')}`);
    }
    // The signed-in event is in the log the administrator sees.
    await page.goto(`${appUrl}/dashboard`);
    expect(await page.getByText('Vigil Administrator signed in').count()).toBeGreaterThan(0);
  });

  it('lets the administrator create a user and shows the generated password once', async () => {
    await page.goto(`${appUrl}/settings/users/new`);
    // Submitting with nothing filled in shows the problems beside the fields.
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Enter a name.').waitFor();
    expect(await page.getByText('Enter a valid email address').count()).toBe(1);

    await page.getByLabel('Name').fill(newUser.name);
    await page.getByLabel('Email address').fill(newUser.email);
    await page.getByLabel('Role').selectOption('user');
    await chooseOption(page, 'Time zone', 'America/Chicago', 'Chicago');
    await page.getByLabel('TRAC').check();
    await page.getByRole('button', { name: 'Create user' }).click();
    const password = page.getByTestId('generated-password');
    await password.waitFor();
    newUser.password = (await password.textContent()) ?? '';
    expect(newUser.password).toMatch(/^[A-Za-z0-9]{20}$/);
    await screenshot(page, '04-user-created');

    await page.goto(`${appUrl}/settings/users`);
    const row = page.getByRole('row').filter({ hasText: newUser.email });
    expect(await row.textContent()).toContain('TRAC');
    expect(await row.textContent()).toContain('User');
  });

  it('signs out', async () => {
    await signOut(page);
    const response = await page.goto(`${appUrl}/dashboard`);
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs the new user in, in their own time zone, and refuses them what their role forbids', async () => {
    await signIn(page, appUrl, newUser.email, newUser.password);
    await page.waitForURL(`${appUrl}/dashboard`);
    expect(await page.getByTestId('current-user').textContent()).toBe(newUser.name);
    expect(await page.getByText('User · America/Chicago').count()).toBe(1);

    const response = await page.goto(`${appUrl}/settings/users`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      "don't have permission",
    );
    await screenshot(page, '05-user-forbidden');

    // Links to what the role cannot open are not offered at all.
    await page.goto(`${appUrl}/settings`);
    expect(await page.getByRole('link', { name: /Users/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /API tokens/ }).count()).toBe(1);
  });

  it('gives the user an API token that acts with their role', async () => {
    await page.goto(`${appUrl}/settings/tokens`);
    await page.getByLabel('Token name').fill('e2e script');
    // A token that may do nothing is refused on its fieldset, and what was typed stays.
    const scopes = page.getByRole('group', { name: 'What it may do' }).getByRole('checkbox');
    for (const box of await scopes.all()) await box.uncheck();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Choose at least one thing the token may do.').waitFor();
    expect(await page.getByLabel('Token name').inputValue()).toBe('e2e script');
    expect(await page.getByTestId('new-token').count()).toBe(0);
    for (const box of await scopes.all()) await box.check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const tokenText = page.getByTestId('new-token');
    await tokenText.waitFor();
    const token = (await tokenText.textContent()) ?? '';
    await screenshot(page, '06-token-created');

    const me = await fetch(`${appUrl}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { email: string; role: string; permissions: string[] };
    expect(body.email).toBe(newUser.email);
    expect(body.role).toBe('user');
    expect(body.permissions).not.toContain('users.manage');

    const anonymous = await fetch(`${appUrl}/api/v1/me`);
    expect(anonymous.status).toBe(401);

    // Revoked from the page, the token is refused at once.
    await page.reload();
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    const revoked = await fetch(`${appUrl}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
    await signOut(page);
  });

  it('lets a read-only auditor look at every section and manage nothing', async () => {
    await signIn(page, appUrl, 'alex@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    expect(await page.getByText('Read-only · America/Chicago').count()).toBe(1);
    for (const path of ['/incidents', '/tasks', '/schedules', '/library', '/events', '/policies']) {
      expect((await page.goto(`${appUrl}${path}`))?.status(), path).toBe(200);
    }
    expect((await page.goto(`${appUrl}/settings/users/new`))?.status()).toBe(403);
    expect((await page.goto(`${appUrl}/settings/teams`))?.status()).toBe(403);
    await screenshot(page, '07-read-only-forbidden');
    await signOut(page);
  });

  // Every browser here reaches the app from 127.0.0.1 and a forged X-Forwarded-For is ignored
  // (no trusted proxy), so this proves the wait for one account and address, never a lock of
  // the account for everyone, and an administrator's unlock.
  it('makes an account wait after five failed sign-ins from one address, until an administrator unlocks it', async () => {
    const attacker = await browser.newContext({
      extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.23' },
    });
    const attackerPage = await attacker.newPage();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(attackerPage, appUrl, newUser.email, `wrong-${attempt}`);
      await attackerPage.locator('form').getByRole('alert').waitFor();
      expect(await attackerPage.locator('form').getByRole('alert').textContent()).toContain(
        'do not match',
      );
    }
    await signIn(attackerPage, appUrl, newUser.email, 'wrong-5');
    await attackerPage.getByText('Too many failed sign-ins').waitFor();
    expect(await attackerPage.locator('form').getByRole('alert').textContent()).toMatch(
      /locked for 1 more minute\b/,
    );
    await screenshot(attackerPage, '08-locked-out');
    // A made-up X-Forwarded-For is no other address: the right password waits too.
    const owner = await browser.newContext({
      extraHTTPHeaders: { 'X-Forwarded-For': '192.0.2.44' },
    });
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, appUrl, newUser.email, newUser.password);
    await ownerPage.getByText('Too many failed sign-ins').waitFor();
    expect(new URL(ownerPage.url()).pathname).toBe('/sign-in');
    await attacker.close();

    // Another account from that address is not affected; its administrator unlocks this one.
    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await signIn(adminPage, appUrl, adminEmail, adminPassword);
    await adminPage.waitForURL(`${appUrl}/dashboard`);
    await adminPage.goto(`${appUrl}/settings/users`);
    await adminPage
      .getByRole('row')
      .filter({ hasText: newUser.email })
      .getByRole('link')
      .first()
      .click();
    await adminPage.getByText(/5 failed sign-ins in the last 24 hours/).waitFor();
    await adminPage.getByRole('button', { name: 'Unlock sign-in' }).click();
    await adminPage
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Unlock sign-in' })
      .click();
    await adminPage
      .getByText('Unlocked: earlier failed sign-ins no longer slow them down.')
      .waitFor();
    await adminPage.getByText('No failed sign-ins count against this account.').waitFor();
    await admin.close();

    await signIn(ownerPage, appUrl, newUser.email, newUser.password);
    await ownerPage.waitForURL(`${appUrl}/dashboard`);
    await owner.close();
  });
});
