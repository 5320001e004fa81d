import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { launchBrowser, screenshot, signIn, signOut } from '../support/browser';
import { fillDevMailbox } from '../support/dev-mailbox';

// The lists on a laptop: the incident table fits a 1366 px screen with long titles on two lines
// at most, bulk close shows up only once rows are ticked, and the development mailbox pages
// through every message and keeps its tab when one is opened.
const appUrl = inject('appUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const run = Date.now().toString(36);
const marker = `E2E list ${run}`;

// Titles as analysts paste them: long, with an unbroken URL that used to widen the table.
function longTitle(i: number): string {
  const url = `https://login.example-bank.test/oauth2/v2.0/authorize?client_id=${run}${i}aaaabbbbccccddddeeeeffff0000111122223333`;
  return `${marker} ${i}: repeated failed sign-ins for the treasury service account from three countries within ten minutes, ${url}`.slice(
    0,
    200,
  );
}

describe('lists end to end', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    for (let i = 0; i < 12; i++)
      await createIncident(db, systemActor('e2e'), {
        title: longTitle(i),
        severity: i % 2 ? 'high' : 'low',
      });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, appUrl, adminEmail, adminPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('fits the incident list into 1366×768 with every column header in view', async () => {
    await page.goto(`${appUrl}/incidents?q=${encodeURIComponent(marker)}`);
    expect(await page.getByTestId('incident-count').textContent()).toContain('12 matching');
    await screenshot(page, 'lists-01-incidents-1366');
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      headers: [...document.querySelectorAll('table thead th')]
        .map((th) => ({
          text: (th as HTMLElement).innerText.trim(),
          box: th.getBoundingClientRect(),
          shown: (th as HTMLElement).offsetParent !== null,
        }))
        .filter((h) => h.shown)
        .map((h) => ({ text: h.text, left: h.box.left, right: h.box.right })),
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    const names = layout.headers.map((h) =>
      h.text.split('\n')[0].replace(/[▲▼]/g, '').trim().toLowerCase(),
    );
    for (const column of ['number', 'title', 'state', 'severity', 'owner', 'response', 'due'])
      expect(names).toContain(column);
    for (const header of layout.headers) {
      expect(header.left, header.text).toBeGreaterThanOrEqual(0);
      expect(header.right, header.text).toBeLessThanOrEqual(layout.innerWidth);
    }
    // The timestamps that no longer have a column of their own read under the title.
    // (innerText holds only what is rendered: the hidden Created column's cell is not in it.)
    const first = page.locator('table tbody tr', { hasText: `${marker} 11:` });
    expect(await first.innerText()).toMatch(/Created \w{3} \d{1,2}, \d{4}/);

    // A sortable header is a link: it sorts, keeps the filter, and says so to screen readers.
    await page.getByRole('link', { name: /^Severity/ }).click();
    await page.waitForURL(/sort=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(marker);
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toMatch(/severity/i);
  });

  it('keeps every long title to two lines', async () => {
    const lines = await page.evaluate((text) => {
      const cells = [...document.querySelectorAll<HTMLElement>('table tbody tr')].filter((tr) =>
        tr.innerText.includes(text),
      );
      return cells.map((tr) => {
        const headers = [...document.querySelectorAll<HTMLElement>('table thead th')].map((th) =>
          th.innerText.trim().toLowerCase(),
        );
        const title = tr.children[headers.findIndex((h) => h.startsWith('title'))] as HTMLElement;
        // The title's own text block, without what is folded under it.
        const block = (title.querySelector('[data-table-primary]') ?? title) as HTMLElement;
        const lineHeight = parseFloat(getComputedStyle(block).lineHeight);
        return Math.round(block.getBoundingClientRect().height / lineHeight);
      });
    }, marker);
    expect(lines).toHaveLength(12);
    for (const count of lines) expect(count).toBeLessThanOrEqual(2);
  });

  it('shows bulk close only once rows are ticked, as a bar with the count, usable from the keyboard', async () => {
    expect(await page.getByRole('button', { name: 'Close selected' }).count()).toBe(0);
    expect(await page.getByLabel('Closing note, shared by all').count()).toBe(0);
    expect(await page.getByTestId('bulk-selected').count()).toBe(0);

    const numbers = await page
      .locator('table')
      .getByRole('link', { name: /^INC-\d+$/ })
      .allTextContents();
    await page.getByRole('checkbox', { name: `Select ${numbers[0]}` }).check();
    await page.getByRole('checkbox', { name: `Select ${numbers[1]}` }).check();
    await page.getByTestId('bulk-selected').waitFor();
    expect(await page.getByTestId('bulk-selected').textContent()).toBe('2 selected');
    await screenshot(page, 'lists-02-bulk-bar');

    await page.getByRole('checkbox', { name: 'Select every incident on this page' }).check();
    expect(await page.getByTestId('bulk-selected').textContent()).toBe('12 selected');

    const close = page.getByRole('button', { name: 'Close…' });
    await close.focus();
    await page.keyboard.press('Enter');
    const note = page.getByLabel('Closing note, shared by all');
    await note.waitFor();
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('button', { name: 'Close selected' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await note.waitFor({ state: 'detached' });
    expect(await close.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('checkbox', { name: 'Select every incident on this page' }).uncheck();
    await page.getByTestId('bulk-selected').waitFor({ state: 'detached' });
  });

  it('pages the development mailbox through every message and keeps its tab when one is opened', async () => {
    const base = Date.now() * 100;
    await fillDevMailbox(
      db,
      Array.from({ length: 35 }, (_, i) => ({
        subject: `${marker} mail ${String(i).padStart(2, '0')}`,
        outboxId: base + i,
        idempotencyKey: `e2e-${base + i}`,
      })),
    );
    await page.goto(`${appUrl}/settings/outbox`);
    await page.getByRole('link', { name: /^Development mailbox/ }).click();
    await page.getByRole('link', { name: `${marker} mail 34` }).waitFor();
    // The oldest of them is past the first page.
    expect(await page.getByRole('link', { name: `${marker} mail 00` }).count()).toBe(0);

    await page.getByRole('link', { name: /Older messages/ }).click();
    await page.getByRole('link', { name: `${marker} mail 00` }).waitFor();
    const olderPage = new URL(page.url()).searchParams;

    await page.getByRole('link', { name: `${marker} mail 00` }).click();
    await page.locator('iframe[title="Rendered email"]').waitFor();
    await screenshot(page, 'lists-03-mailbox-message');
    const current = page
      .getByRole('navigation', { name: 'Outbox status' })
      .locator('[aria-current="page"]');
    expect(await current.textContent()).toMatch(/^Development mailbox/);
    // Still on the older page: the message list did not jump back to the newest.
    expect(await page.getByRole('link', { name: `${marker} mail 00` }).count()).toBe(1);
    for (const [key, value] of olderPage)
      expect(new URL(page.url()).searchParams.get(key)).toBe(value);
    await signOut(page);
  });
});
