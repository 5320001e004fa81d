import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowserPage, screenshot, signIn } from '../support/browser';
import { waitFor } from '../support/wait-for';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// The administrator connects the SOC's receiver: an internal address is refused until she
// allows private addresses, then a test event arrives signed with the secret the page reveals.
const appUrl = inject('appUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

describe('an administrator adds a webhook and sends it a test event', () => {
  let browser: Browser;
  let page: Page;
  let receiver: WebhookReceiver;
  const name = `SOC receiver ${Date.now()}`;

  beforeAll(async () => {
    ({ browser, page } = await openBrowserPage());
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  it('refuses an internal address, keeping what was typed, then saves it when allowed', async () => {
    await signIn(page, appUrl, adminEmail, adminPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/settings`);
    await page.getByRole('link', { name: /Integrations/ }).click();
    await page.waitForURL(`${appUrl}/settings/integrations`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Integrations');

    await page.getByLabel('URL', { exact: true }).fill(`${receiver.url}/soc`);
    await page.getByLabel('Description').fill(name);
    await page.getByLabel(/Task closed or marked invalid/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText(/a private, loopback or otherwise internal address/).waitFor();
    expect(await page.getByLabel('Description').inputValue()).toBe(name);
    await screenshot(page, 'webhooks-01-refused');

    await page.getByLabel(/Allow private addresses/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.waitForURL(/\/settings\/integrations\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    await page.getByText('Nothing sent yet').waitFor();
  });

  it('sends a signed test event and shows its delivery', async () => {
    await page.getByText('Reveal the signing secret').click();
    const secret = (await page.locator('code', { hasText: 'whsec_' }).textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/Test event queued/).waitFor();
    await waitFor('the test event to arrive', () => receiver.received.length > 0, 30_000);
    const [request] = receiver.received;
    const event = new Webhook(secret).verify(request.body, request.headers) as { type: string };
    expect(event.type).toBe('webhook.test');

    await waitFor(
      'the delivery to show as delivered',
      async () => {
        await sleep(500);
        await page.reload();
        return (await page.getByRole('cell', { name: 'Delivered' }).count()) > 0;
      },
      30_000,
    );
    expect(await page.getByRole('cell', { name: 'HTTP 200' }).count()).toBe(1);
    await screenshot(page, 'webhooks-02-delivered');
    // The deliveries table is wider than its card beside the settings form: it scrolls inside
    // the card instead of running under the form (as the API tokens list once covered Revoke).
    const spill = await page.getByRole('table', { name: 'Deliveries' }).evaluate((table) => {
      const box = table.parentElement!;
      return {
        wider: table.scrollWidth > box.clientWidth,
        overflow: getComputedStyle(box).overflowX,
      };
    });
    expect(spill).toEqual({ wider: true, overflow: 'auto' });

    await page.goto(`${appUrl}/settings/integrations`);
    const row = page.getByRole('row', { name: new RegExp(name) });
    expect(await row.textContent()).toContain('Active');
  });
});
