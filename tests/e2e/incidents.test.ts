import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { launchBrowser, screenshot, signIn, signOut } from '../support/browser';
import { chooseOption, toggleOption } from '../support/combobox';

// An analyst works an incident from the form to the export, an administrator closes a
// batch of false positives, and an auditor finds nothing they could change.
const appUrl = inject('appUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const demoPassword = inject('demoPassword');
const run = Date.now().toString(36);
const title = `E2E RDP brute force from 203.0.113.9 ${run}`;

describe('incidents end to end', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let number = '';

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('lets an analyst open an incident with a watcher and shows the on-call instructions for Medium', async () => {
    await signIn(page, appUrl, 'justin@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/incidents`);
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.waitForURL(`${appUrl}/incidents/new`);

    await page.getByRole('button', { name: 'Create incident' }).click();
    await page.getByText('Enter a title.').waitFor();

    await page.getByLabel('Title').fill(title);
    await chooseOption(page, 'Owner', 'TRAC (team)', 'TRAC');
    await page.getByLabel('Severity').selectOption('medium');
    await toggleOption(page, 'Watchers', 'Sara Lopez', 'Sara');
    await page.getByLabel('How often Sara Lopez is notified').selectOption('opened_closed');
    await screenshot(page, 'incidents-01-new');
    await page.getByRole('button', { name: 'Create incident' }).click();
    await page.waitForURL(/\/incidents\/\d+\?created=1$/);
    number = new URL(page.url()).pathname.split('/').pop()!;

    expect(await page.getByText(`INC-${number} is open in Triage`).count()).toBe(1);
    expect(await page.getByText('reach the on-call engineer now').count()).toBe(1);
    expect(
      await page
        .getByRole('region', { name: 'Details' })
        .getByText('Sara Lopez (opened and closed)')
        .count(),
    ).toBe(1);
    await screenshot(page, 'incidents-02-created');
  });

  it('moves it to Analysis, adds a note and an attachment', async () => {
    await page.getByRole('button', { name: 'Move to Analysis…' }).click();
    await page.getByRole('button', { name: 'Move to Analysis', exact: true }).click();
    await page.getByText('Responded', { exact: true }).waitFor();

    await page
      .getByLabel('Add a note')
      .fill('Source is a **known scanner**; blocking at the firewall.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('strong', { hasText: 'known scanner' }).waitFor();

    await page.setInputFiles('#attachment-file', {
      name: 'firewall-log.txt',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('deny tcp 203.0.113.9 -> 10.0.0.5:3389\n'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('link', { name: 'firewall-log.txt' }).waitFor();
    // The type comes from the bytes, not from what the browser claimed.
    expect(await page.getByText('text/plain').count()).toBeGreaterThan(0);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'firewall-log.txt' }).click();
    const file = await download;
    expect(await readFile((await file.path())!, 'utf8')).toContain('deny tcp 203.0.113.9');
    await screenshot(page, 'incidents-03-worked');
  });

  it('filters the list and exports exactly what it shows', async () => {
    for (let i = 0; i < 3; i++) {
      await createIncident(db, systemActor('e2e'), {
        title: `E2E export sample ${run} ${i}`,
        severity: 'low',
      });
    }
    await page.goto(`${appUrl}/incidents`);
    await page.getByLabel('Title contains').fill(`E2E`);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=E2E/);
    // The URL changes as the loading skeleton shows; the filtered rows stream in after it.
    await page
      .locator('table')
      .getByRole('link', { name: `INC-${number}`, exact: true })
      .waitFor();
    await screenshot(page, 'incidents-04-filtered');
    const listed = (
      await page
        .locator('table')
        .getByRole('link', { name: /^INC-\d+$/ })
        .allTextContents()
    ).sort();
    expect(listed).toContain(`INC-${number}`);
    expect(listed.length).toBeGreaterThanOrEqual(4);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^vigil-incidents-\d{8}-\d{4}\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Number).sort()).toEqual(listed);
    const ours = rows.find((r) => r.Number === `INC-${number}`)!;
    expect(ours.State).toBe('Analysis');
    expect(ours.Watchers).toContain('Sara Lopez');
    await signOut(page);
  });

  it('shows an administrator the emails the new incident sent, in Settings → Outbox', async () => {
    await signIn(page, appUrl, adminEmail, adminPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    const subject = `[INC-${number}] Opened: ${title}`;
    // The worker delivers from the outbox a moment after the commit: look again until it has.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${appUrl}/settings/outbox`);
      if ((await page.getByRole('link', { name: subject }).count()) > 0) break;
      if (Date.now() > deadline)
        throw new Error(`no "${subject}" email in the development mailbox`);
      await page.waitForTimeout(1000);
    }
    const recipients = await page
      .getByRole('listitem')
      .filter({ hasText: subject })
      .allTextContents();
    // Sara watches "only when opened and closed", so she gets this one; Justin opened it himself.
    expect(recipients.join('\n')).toContain('sara@example.com');
    expect(recipients.join('\n')).not.toContain('justin@example.com');
    await page.getByRole('link', { name: subject }).first().click();
    await page.locator('iframe[title="Rendered email"]').waitFor();
    await screenshot(page, 'incidents-05-outbox');
  });

  it('lets an administrator close every false positive matching a filter at once', async () => {
    for (let i = 0; i < 3; i++) {
      await createIncident(db, systemActor('e2e'), {
        title: `E2E bulk ${run} ${i}`,
        severity: 'none',
      });
    }
    await page.goto(`${appUrl}/incidents?q=${encodeURIComponent(`E2E bulk ${run}`)}`);
    expect(await page.getByTestId('incident-count').textContent()).toContain('3 matching');
    await page.getByRole('checkbox', { name: /Select all 3 matching this filter/ }).check();
    await page.getByRole('button', { name: 'Close…' }).click();
    await page
      .getByLabel('Closing note, shared by all')
      .fill('False positives from the scanner test window.');
    await page.getByRole('button', { name: 'Close selected' }).click();
    await page.getByText(/Closed 3 incidents/).waitFor();
    await screenshot(page, 'incidents-06-bulk-closed');
    await page.goto(`${appUrl}/incidents?q=${encodeURIComponent(`E2E bulk ${run}`)}`);
    expect(await page.getByTestId('incident-count').textContent()).toContain('0 matching');
    await signOut(page);
  });

  it('gives a read-only auditor no way to change anything', async () => {
    await signIn(page, appUrl, 'alex@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/incidents`);
    // The list streams in behind its loading skeleton: count once the page itself is there.
    await page.getByRole('link', { name: 'Export CSV' }).waitFor();
    expect(await page.getByRole('link', { name: 'New incident' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Close selected' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Export CSV' }).count()).toBe(1);

    await page.goto(`${appUrl}/incidents/${number}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
    for (const control of [
      'Edit',
      'Move to Remediation…',
      'Close incident…',
      'Add note',
      'Upload',
      'Link',
    ]) {
      expect(await page.getByRole('button', { name: control, exact: true }).count(), control).toBe(
        0,
      );
    }
    expect(await page.getByRole('link', { name: 'Edit', exact: true }).count()).toBe(0);
    expect((await page.goto(`${appUrl}/incidents/new`))?.status()).toBe(403);
    expect((await page.goto(`${appUrl}/incidents/${number}/edit`))?.status()).toBe(403);
    await screenshot(page, 'incidents-07-read-only');
    await signOut(page);
  });
});
