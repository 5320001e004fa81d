import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowserPage, screenshot, signIn, signOut } from '../support/browser';
import { fillField } from '../support/fill-field';

// Sara, a Power User, watches branch servers for failed-logon bursts: she adds a trigger from
// the failed-logon example, tailors its query, and pauses it; Justin, a User, may look only.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');

describe('Sara adds a trigger from an example; Justin may only look', () => {
  let browser: Browser;
  let page: Page;
  let triggerUrl = '';

  beforeAll(async () => {
    ({ browser, page } = await openBrowserPage());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the demo triggers with their state, rule and query', async () => {
    await signIn(page, appUrl, 'sara@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.getByRole('navigation').getByRole('link', { name: 'Triggers' }).click();
    await page.waitForURL(`${appUrl}/triggers`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Triggers');
    const row = page.getByRole('row', { name: /Audit log cleared/ });
    const text = await row.textContent();
    expect(text).toContain('Any event in 5 minutes opens a High incident');
    expect(text).toContain('event_id:1102 OR event_id:517');
    expect(text).toContain('Active');
    await screenshot(page, 'triggers-01-list');
  });

  it('adds the failed-logon example, tailored to the branch servers', async () => {
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Failed logon burst' })
      .getByRole('link', { name: 'Add from example' })
      .click();
    await page.waitForURL(/\/triggers\/new\?example=failed-logon-burst$/);
    expect(await page.getByLabel('Name').inputValue()).toBe('Failed logon burst');
    expect(await page.getByLabel('Event query').inputValue()).toBe('event_id:4625');
    expect(await page.getByLabel('Threshold (events)').inputValue()).toBe('10');
    await page.getByLabel('Name').fill('Failed logon burst on branch servers');
    await page.getByLabel('Event query').fill('event_id:4625 AND hostname:br*');
    await screenshot(page, 'triggers-02-from-example');
    await page.getByRole('button', { name: 'Create trigger' }).click();
    await page.waitForURL(/\/triggers\/[0-9a-f-]{36}\?saved=1$/);
    triggerUrl = page.url().replace('?saved=1', '');
    await page.getByText('Trigger saved.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Failed logon burst on branch servers',
    );
    const details = await page.getByRole('region', { name: 'Details' }).textContent();
    expect(details).toContain('event_id:4625 AND hostname:br*');
    expect(details).toContain('Failed logon burst');
    await page.getByText('No window evaluated yet.').waitFor();
    await screenshot(page, 'triggers-03-created');
  });

  it('refuses a query with a syntax error, saying where, and keeps what was typed', async () => {
    await page.goto(`${triggerUrl}/edit`);
    await fillField(page.getByLabel('Event query'), 'event_id:(4625');
    await page.getByRole('button', { name: 'Save trigger' }).click();
    await page.getByText('Expected a closing parenthesis at the end of the query.').waitFor();
    expect(await page.getByLabel('Event query').inputValue()).toBe('event_id:(4625');
    await screenshot(page, 'triggers-04-syntax-error');
  });

  it('pauses it', async () => {
    await page.goto(triggerUrl);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText(/^Paused: no window is evaluated/).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await page.getByRole('region', { name: 'Details' }).textContent()).toContain(
      'Next runPaused',
    );
    await screenshot(page, 'triggers-05-paused');
  });

  it('Justin sees the triggers but may not add or change one', async () => {
    await signOut(page);
    await signIn(page, appUrl, 'justin@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/triggers`);
    await page.getByRole('row', { name: /Failed logon burst on branch servers/ }).waitFor();
    expect(await page.getByRole('link', { name: 'New trigger' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Add from example' }).count()).toBe(0);
    await page.goto(triggerUrl);
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    expect((await page.goto(`${appUrl}/triggers/new`))?.status()).toBe(403);
  });
});
