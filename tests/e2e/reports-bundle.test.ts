import { readFile } from 'node:fs/promises';
import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { reportRuns } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { addAttachment } from '@/lib/tickets/attachments';
import { launchBrowser, screenshot, signIn } from '../support/browser';
import { manifestOf, sha256, unzip, verifyBundle } from '../support/evidence-bundle';

// An examiner (Read-only) downloads the evidence bundle from the report page and checks it
// as its README says: the manifest against manifest.sha256, every file against the manifest,
// and the zip against the run Vigil logged.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const run = Date.now().toString(36);
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('evidence bundle from the report page', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('refuses a visitor who is not signed in', async () => {
    const response = await fetch(
      `${appUrl}/reports/compliance/bundle.zip?from=${day(-1)}&to=${day(1)}`,
    );
    expect(response.status).toBe(401);
  });

  it('downloads a bundle whose manifest, files and zip hash all check', async () => {
    const { incident } = await createIncident(db, systemActor('e2e'), {
      title: `E2E bundle evidence ${run}`,
      severity: 'low',
    });
    const evidence = Buffer.from(`firewall export ${run}\n`);
    const stored = await addAttachment(db, incidentKind, systemActor('e2e'), incident.id, {
      fileName: `../firewall ${run}.txt`,
      data: evidence,
    });

    await signIn(page, appUrl, 'erin@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/reports/compliance?from=${day(-1)}&to=${day(1)}`);
    const link = page.getByRole('link', { name: 'Download evidence bundle' });
    await link.waitFor();
    await screenshot(page, 'reports-bundle-01-report-page');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`vigil-evidence-${day(-1)}-to-${day(1)}.zip`);
    const zip = await readFile((await download.path())!);

    const entries = await unzip(zip);
    expect(verifyBundle(entries)).toEqual([]);
    const manifestHash = sha256(entries.get('manifest.json')!);
    expect(entries.get('manifest.sha256')!.toString()).toBe(`${manifestHash}  manifest.json\n`);
    const file = manifestOf(entries).files.find((f) => f.attachmentId === stored.id)!;
    expect(file).toMatchObject({
      ticket: `INC-${incident.number}`,
      sha256: stored.sha256,
      matchesStored: true,
    });
    expect(entries.get(file.path)).toEqual(evidence);
    expect([...entries.keys()]).toContain('csv/occurrences.csv');

    const [logged] = await db
      .select()
      .from(reportRuns)
      .where(eq(reportRuns.kind, 'bundle'))
      .orderBy(desc(reportRuns.generatedAt))
      .limit(1);
    expect(logged).toMatchObject({ sha256: sha256(zip), params: { manifestSha256: manifestHash } });
  });
});
