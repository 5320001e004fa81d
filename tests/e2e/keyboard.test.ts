import { eq } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { incidents } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { launchBrowser, screenshot, signIn } from '../support/browser';

// An analyst who works without a mouse: from the incident list to a note and a state change,
// with Tab, Shift+Tab, Enter and Space only, always seeing where the focus is.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const run = Date.now().toString(36);
const title = `E2E keyboard only ${run}`;

/** What a sighted keyboard user needs of the focused element: it is the one, and it shows it. */
async function focusRing(target: Locator) {
  return target.evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      focused: el === document.activeElement,
      focusVisible: el.matches(':focus-visible'),
      outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the target has the focus; fails if it never comes. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press(key);
    if ((await focusRing(target)).focused) {
      expect(await focusRing(target)).toMatchObject({ focused: true, focusVisible: true });
      expect((await focusRing(target)).outline).toBeGreaterThanOrEqual(2);
      return;
    }
  }
  throw new Error(`${key} never reached ${target}`);
}

describe('keyboard only: open an incident, add a note, change its state', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let number = 0;

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    ({
      incident: { number },
    } = await createIncident(db, systemActor('e2e'), { title, severity: 'low' }));
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await signIn(page, appUrl, 'justin@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('skips the navigation and opens the incident from the list with Enter', async () => {
    await page.goto(`${appUrl}/incidents?q=${encodeURIComponent(title)}`);
    await tabTo(page, page.getByRole('link', { name: 'Skip to main content' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('table').getByRole('link', { name: `INC-${number}` }));
    await screenshot(page, 'keyboard-01-list-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${appUrl}/incidents/${number}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
  });

  it('types a note and adds it with Space', async () => {
    await tabTo(page, page.getByLabel('Add a note'));
    await page.keyboard.type('Checked from the keyboard: nothing found.');
    await tabTo(page, page.getByRole('button', { name: 'Add note' }));
    await page.keyboard.press('Space');
    await page.locator('#notes').getByText('Checked from the keyboard: nothing found.').waitFor();
  });

  it('moves it to Analysis with Enter, then Space on the confirming button', async () => {
    const state = page.getByRole('region', { name: 'State' });
    await tabTo(page, state.getByRole('button', { name: 'Move to Analysis…' }));
    await page.keyboard.press('Enter');
    // The note field takes the focus at once, so the choice can be explained without a Tab.
    expect((await focusRing(page.getByLabel('Note (optional)'))).focused).toBe(true);
    await page.keyboard.type('Triaged by keyboard.');
    await tabTo(page, state.getByRole('button', { name: 'Move to Analysis', exact: true }));
    await screenshot(page, 'keyboard-02-state-focused');
    await page.keyboard.press('Space');
    await state.getByRole('button', { name: 'Move to Remediation…' }).waitFor();
    const [row] = await db.select().from(incidents).where(eq(incidents.number, number));
    expect(row.state).toBe('analysis');
  });

  it('shows the focus ring where the page draws its own controls: links, fields and buttons', async () => {
    await page.reload();
    await tabTo(page, page.getByRole('link', { name: 'Edit', exact: true }));
    await tabTo(page, page.getByRole('link', { name: 'notes', exact: true }));
    await tabTo(page, page.getByRole('button', { name: 'Sign out' }), 'Shift+Tab');
  });
});
