import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveApiRoutes } from '../support/api-route-server';
import { launchChromium } from '../support/browser';
import type { RouteServer } from '../support/route-server';

// /api/docs in Chromium: the reference renders the served document, under the page's own
// Content-Security-Policy (scripts and connections to this origin only), without a single
// request to another origin and without a CSP violation.

let server: RouteServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveApiRoutes(
    (path) => path === '/api/v1/openapi.json' || path.startsWith('/api/docs'),
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('renders the API reference from this origin alone, within its CSP', async () => {
  const page = await browser.newPage();
  const elsewhere: string[] = [];
  const refused: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== server.url)
      elsewhere.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto(`${server.url}/api/docs`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // The document's title and a section's description, as the renderer lays them out.
  await page.getByRole('heading', { name: 'Vigil API' }).first().waitFor({ timeout: 30_000 });
  await page.getByText('Security incidents: open, work', { exact: false }).first().waitFor();
  await expect(page.title()).resolves.toMatch(/Vigil API/);
  expect(elsewhere).toEqual([]);
  expect(refused).toEqual([]);
  await page.screenshot({ path: 'test-results/api-docs.png', fullPage: false });
}, 90_000);
