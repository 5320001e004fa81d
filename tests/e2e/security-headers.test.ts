import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { createTask } from '@/lib/tasks/create-task';
import { launchChromium, signIn } from '../support/browser';

// The headers of the built app (proxy.ts, next.config.ts): every page runs its scripts under
// a nonce of its own request and nothing else, images from elsewhere never load, API answers
// carry the same hardening, and the session cookie cannot be read by scripts or sent by
// another site's forms.
const appUrl = inject('appUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const run = Date.now().toString(36);

const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

/** Collects CSP violations of each document the context opens, for the test to read. */
async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** React has taken over the document: the scripts the policy admits have run. */
const hydrated = (page: Page) =>
  page.waitForFunction(
    () => Object.keys(document).some((key) => key.startsWith('__reactContainer$')),
    undefined,
    { timeout: 30_000 },
  );

/** Every script element in the HTML the server sent, and whether each carries `nonce`. */
function scriptsWithout(html: string, nonce: string): string[] {
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  return tags.filter((tag) => !tag.includes(` nonce="${nonce}"`));
}

describe('security headers in the built app', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: Db;
  let incidentNumber = 0;
  let taskNumber = 0;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    // Without the accessibility harness: loading axe-core probes eval, a violation of its own.
    browser = await launchChromium();
    context = await browser.newContext();
    await recordViolations(context);
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Permissions-Policy/i.test(message.text()))
        consoleErrors.push(message.text());
    });
    const { incident } = await createIncident(db, systemActor('e2e'), {
      title: `E2E CSP incident ${run}`,
      severity: 'low',
      description: 'Plain **Markdown**.',
    });
    incidentNumber = incident.number;
    const { task } = await createTask(db, systemActor('e2e'), { title: `E2E CSP task ${run}` });
    taskNumber = task.number;
  });

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('gives the sign-in page a fresh nonce that its scripts carry, with no violation', async () => {
    await expectPageUnderPolicy('/sign-in');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, not Secure over plain HTTP', async () => {
    await signIn(page, appUrl, adminEmail, adminPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    const session = (await context.cookies()).find((c) => c.name === 'authjs.session-token');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  });

  it('holds on every main page: a nonce per load on every script, and no violation', async () => {
    const paths = [
      '/dashboard',
      '/incidents',
      '/incidents/new',
      `/incidents/${incidentNumber}`,
      '/tasks',
      '/tasks/new',
      `/tasks/${taskNumber}`,
      '/schedules',
      '/schedules/new',
      '/events',
      '/library',
      '/policies',
      '/triggers',
      '/reports',
      '/reports/compliance',
      '/settings',
      '/settings/profile',
      '/settings/users',
      '/settings/teams',
      '/settings/tokens',
      '/settings/organization',
      '/settings/outbox',
      '/no-such-page',
    ];
    for (const path of paths) await expectPageUnderPolicy(path);
    expect(consoleErrors).toEqual([]);
  });

  it('never fetches an image a Markdown description points to on another origin', async () => {
    let hits = 0;
    const beacon: Server = createServer((_request, response) => {
      hits += 1;
      response.writeHead(200, { 'content-type': 'image/gif' }).end();
    });
    await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
    const beaconUrl = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}/read.gif`;
    try {
      const { incident } = await createIncident(db, systemActor('e2e'), {
        title: `E2E CSP beacon ${run}`,
        severity: 'low',
        description: `Screenshot: ![screen](${beaconUrl}?who=reader)`,
      });
      await page.goto(`${appUrl}/incidents/${incident.number}`);
      await hydrated(page);
      const image = page.locator(`img[src^="${beaconUrl}"]`);
      await image.waitFor({ state: 'attached' });
      // The refused load ends like a broken image; by then a permitted one would have hit.
      await page.waitForFunction(
        (src) => [...document.images].some((img) => img.src.startsWith(src) && img.complete),
        beaconUrl,
      );
      expect(hits).toBe(0);
      // Chromium may report the one refused image more than once; nothing else is refused.
      expect(new Set(await violations(page))).toEqual(new Set([`img-src ${beaconUrl}?who=reader`]));
    } finally {
      await new Promise((resolve) => beacon.close(resolve));
    }
  });

  it('renders the API reference under its own policy, with no violation', async () => {
    const response = await page.goto(`${appUrl}/api/docs`);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    // A section of the served document, as the renderer lays it out.
    await page
      .getByRole('button', { name: 'Show all Incidents endpoints' })
      .waitFor({ timeout: 60_000 });
    // The renderer bundles a Zod that tries `new Function` once to choose its parsers; the page's
    // policy refuses it (as it should) and Zod falls back. Nothing else may be refused.
    const refused = await violations(page);
    expect(refused.filter((violation) => violation !== 'script-src eval')).toEqual([]);
  });

  async function expectPageUnderPolicy(path: string): Promise<void> {
    const response = await page.goto(`${appUrl}${path}`);
    expect(response, path).not.toBeNull();
    const policy = response!.headers()['content-security-policy'] ?? '';
    const nonce = NONCE.exec(policy)?.[1];
    expect(nonce, `${path}: ${policy}`).toBeTruthy();
    const directives = Object.fromEntries(
      policy.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives, path).toMatchObject({
      'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic'`,
      'img-src': "'self' data:",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(scriptsWithout(await response!.text(), nonce!), path).toEqual([]);
    await hydrated(page);
    expect(await violations(page), path).toEqual([]);
    // A second load of the same page (same cookies) gets a nonce of its own.
    const again = await page.request.get(`${appUrl}${path}`, { maxRedirects: 0 });
    const second = NONCE.exec(again.headers()['content-security-policy'] ?? '')?.[1];
    expect(second, path).toBeTruthy();
    expect(second, path).not.toBe(nonce);
  }
});

describe('headers of API answers and of HTTPS', () => {
  it('gives a JSON answer the non-CSP headers, and no HSTS over plain HTTP', async () => {
    // X-Forwarded-Proto is not trusted: any client could send it.
    const response = await fetch(`${appUrl}/api/v1/me`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    const permissions = response.headers.get('permissions-policy') ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
      expect(permissions).toContain(`${feature}=()`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('refuses log events a browser sends from another site with basic credentials', async () => {
    // A browser that once prompted for basic credentials replays them on any site's form.
    const send = (headers: Record<string, string>) =>
      fetch(`${appUrl}/api/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('shipper:not-a-token').toString('base64')}`,
          'content-type': 'text/plain',
          ...headers,
        },
        body: '{"message":"forged"}',
      });
    expect((await send({ origin: 'https://attacker.example' })).status).toBe(403);
    expect((await send({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // A log shipper names no origin: its token is checked (and this one is refused).
    expect((await send({})).status).toBe(401);
  });

  it('makes the session cookie Secure when signing in over HTTPS behind a proxy', async () => {
    // As a TLS-terminating proxy forwards it: Auth.js then names and flags its cookies for HTTPS.
    const https = { 'x-forwarded-proto': 'https' };
    const csrf = await fetch(`${appUrl}/api/auth/csrf`, { headers: https });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().find((c) => c.startsWith('__Host-'));
    expect(csrfCookie).toMatch(/; Secure/i);
    const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...https,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: csrfCookie!.split(';')[0],
      },
      body: new URLSearchParams({ csrfToken, email: adminEmail, password: adminPassword }),
    });
    const session = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Secure-authjs.session-token='));
    expect(session, response.headers.getSetCookie().join('\n')).toBeDefined();
    const attributes = session!.split(/;\s*/).map((a) => a.toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=lax']));
  });
});
