import { eq } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { incidents } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { launchBrowser, openSignedIn, screenshot } from '../support/browser';

// An analyst who works without a mouse: from the incident list to a note and a state change,
// with Tab, Shift+Tab, Enter and Space only, always seeing where the focus is.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const run = Date.now().toString(36);
const title = `E2E keyboard only ${run}`;

/**
 * What a sighted keyboard user needs of the focused element: it is the one, it shows a ring,
 * and the ring stands out 3:1 from the surface it is drawn on (WCAG 1.4.11).
 */
async function focusRing(target: Locator) {
  return target.evaluate(async (el) => {
    // Buttons fade their colours in (transition-colors, outline included): judge the settled ring.
    await Promise.all(el.getAnimations().map((animation) => animation.finished.catch(() => {})));
    const style = getComputedStyle(el);
    // Any CSS colour (Tailwind's are oklch) to sRGB through a one-pixel canvas.
    const ctx = document.createElement('canvas').getContext('2d')!;
    const rgba = (color: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    };
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((c) =>
        c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
      );
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    // The ring sits outside the element (outline-offset), on the first opaque surface around it.
    let surface: Element | null = el.parentElement;
    while (surface && rgba(getComputedStyle(surface).backgroundColor)[3] === 0)
      surface = surface.parentElement;
    const surfaceColor = surface ? getComputedStyle(surface).backgroundColor : '#fff';
    const [ring, behind] = [luminance(rgba(style.outlineColor)), luminance(rgba(surfaceColor))];
    return {
      focused: el === document.activeElement,
      focusVisible: el.matches(':focus-visible'),
      outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
      contrast: (Math.max(ring, behind) + 0.05) / (Math.min(ring, behind) + 0.05),
      colors: `${style.outlineColor} on ${surfaceColor}`,
    };
  });
}

/** Presses Tab (or Shift+Tab) until the target has the focus; fails if it never comes. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press(key);
    if ((await focusRing(target)).focused) {
      expect(await focusRing(target)).toMatchObject({ focused: true, focusVisible: true });
      const ring = await focusRing(target);
      expect(ring.outline, `${target}`).toBeGreaterThanOrEqual(2);
      expect(ring.contrast, `${target}: ${ring.colors}`).toBeGreaterThanOrEqual(3);
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
    page = await openSignedIn(browser, appUrl, 'justin@example.com', demoPassword);
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

  it('shows a ring that stands out on the light page and on the dark sidebar alike', async () => {
    await page.reload();
    await tabTo(page, page.getByRole('link', { name: 'Incidents', exact: true }));
    await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
    await tabTo(page, page.getByRole('link', { name: 'Edit', exact: true }));
    await tabTo(page, page.getByRole('link', { name: 'notes', exact: true }));
    await screenshot(page, 'keyboard-03-ring-on-page');
  });
});
