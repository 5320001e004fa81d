import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe, waitForTitle } from '../support/axe';
import { launchChromium } from '../support/browser';

// The accessibility check every other e2e file relies on: axe-core really runs in the page
// and reports what it finds. A plain Chromium, so these deliberate faults stay out of the
// run's own figures.
describe('the axe-core check of the e2e pages', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names the serious and critical faults of a page, with their elements', async () => {
    await page.setContent(`<!doctype html><html lang="en"><head><title>Faulty</title></head><body><main>
      <h1>Faulty</h1>
      <button id="nameless"><svg width="10" height="10"></svg></button>
      <p id="faint" style="color:#bbb;background:#fff">Barely readable</p>
      <input id="unlabelled" type="text">
    </main></body></html>`);
    const violations = await runAxe(page);
    const found = Object.fromEntries(
      violations.map((v) => [v.id, { impact: v.impact, targets: v.nodes.map((n) => n.target) }]),
    );
    expect(found['button-name']).toEqual({ impact: 'critical', targets: ['#nameless'] });
    expect(found['color-contrast']).toEqual({ impact: 'serious', targets: ['#faint'] });
    expect(found['label']).toEqual({ impact: 'critical', targets: ['#unlabelled'] });
  });

  it('finds nothing on a page without those faults', async () => {
    await page.setContent(`<!doctype html><html lang="en"><head><title>Sound</title></head><body><main>
      <h1>Sound</h1>
      <button>Save</button>
      <p style="color:#334155;background:#fff">Readable</p>
      <label for="name">Name</label><input id="name" type="text">
    </main></body></html>`);
    expect(await runAxe(page)).toEqual([]);
  });

  // A client-side navigation drops the old <title> before the streamed new one arrives; the
  // scans wait for it (CI once reported "document-title" on the dashboard in that moment).
  it('scans a page once its streamed title has arrived, and a page that never gets one as it is', async () => {
    const body = '<main><h1>Later</h1></main>';
    await page.setContent(`<!doctype html><html lang="en"><head></head><body>${body}
      <script>setTimeout(() => { document.title = 'Later'; }, 400);</script></body></html>`);
    await waitForTitle(page);
    expect((await runAxe(page)).map((v) => v.id)).not.toContain('document-title');

    await page.setContent(
      `<!doctype html><html lang="en"><head></head><body>${body}</body></html>`,
    );
    await waitForTitle(page);
    expect((await runAxe(page)).map((v) => v.id)).toContain('document-title');
  });
});
