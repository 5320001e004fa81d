import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { policies, schedulePolicies } from '@/db/schema';
import { parseCsv } from '../support/csv';
import { launchBrowser, screenshot, signIn } from '../support/browser';
import { createScheduleAt } from '../support/schedule-fixtures';

// Alex, the examiner's Read-only account, runs the compliance report for one policy from
// the form, prints it, takes the occurrences CSV away and draws a sample twice with the same
// seed: the same occurrences both times.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const POLICY_TITLE = 'Weekly review of privileged access (e2e)';
const MONDAYS_IN_H1_2026 = 26;

describe('the compliance report in the browser', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let scheduleName = '';

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    const [policy] = await db
      .insert(policies)
      .values({ framework: 'Custom', reference: 'E2E-REP-1', title: POLICY_TITLE, custom: true })
      .returning();
    scheduleName = `Privileged access review ${policy.id.slice(0, 6)}`;
    const scheduleId = await createScheduleAt(db, new Date('2026-01-01T00:00:00Z'), {
      name: scheduleName,
      pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-05',
      dueInDays: 3,
    });
    await db.insert(schedulePolicies).values({ scheduleId, policyId: policy.id, policyVersion: 1 });

    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, appUrl, 'alex@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('runs the report for a policy from the form', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await page.waitForURL(`${appUrl}/reports`);
    await page.getByLabel('From').fill('2026-01-01');
    await page.getByLabel('To').fill('2026-06-30');
    await page.getByLabel('Policy').selectOption({ label: `Custom E2E-REP-1 — ${POLICY_TITLE}` });
    await screenshot(page, 'reports-01-form');
    await page.getByRole('button', { name: 'Run report' }).click();
    await page.waitForURL(/\/reports\/compliance\?/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Compliance report');
    expect(await page.getByTestId('report-filters').textContent()).toContain(POLICY_TITLE);
    const schedules = page.getByRole('table', { name: 'Per schedule, exceptions first' });
    const row = schedules.getByRole('row', { name: new RegExp(scheduleName) });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe(String(MONDAYS_IN_H1_2026));
    await screenshot(page, 'reports-02-report');
  });

  it('prints without the navigation', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('aside').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(
      false,
    );
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await screenshot(page, 'reports-03-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('downloads the occurrences CSV, one row per planned occurrence', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'occurrences.csv' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(header.slice(0, 4)).toEqual(['schedule_id', 'schedule_name', 'period_key', 'period']);
    const ours = rows.filter((r) => r[1] === scheduleName);
    expect(ours).toHaveLength(MONDAYS_IN_H1_2026);
    expect(new Set(ours.map((r) => r[2])).size).toBe(MONDAYS_IN_H1_2026);
  });

  it('draws the same sample twice with the same seed', async () => {
    const draw = async () => {
      await page.getByLabel('Sample size').fill('5');
      await page.getByLabel('Seed').fill('examiner-2026');
      await page.getByRole('button', { name: 'Draw sample' }).click();
      await page.waitForURL(/\/reports\/compliance\/sample\?/);
      expect(await page.getByTestId('sample-seed').textContent()).toBe('examiner-2026');
      const sample = page.getByRole('table', { name: 'Sample' });
      return sample.getByRole('row').allTextContents();
    };
    const reportUrl = page.url();
    const first = await draw();
    expect(first).toHaveLength(6); // the header and five occurrences
    await screenshot(page, 'reports-04-sample');
    await page.goto(reportUrl);
    const second = await draw();
    expect(second).toEqual(first);
  });

  it('lists the runs on the Reports page', async () => {
    await page.goto(`${appUrl}/reports`);
    const runs = page.getByRole('table', { name: 'Reports generated, newest first' });
    const text = await runs.textContent();
    expect(text).toContain('Sample (page)');
    expect(text).toContain('CSV (download)');
    expect(text).toContain('Seed examiner-2026');
  });
});
