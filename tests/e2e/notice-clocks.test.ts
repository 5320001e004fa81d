import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { incidentNoticeClocks, noticeRules, users } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { isoToLocalInput } from '@/lib/time/local-input';
import { launchBrowser, screenshot, signIn, signOut } from '../support/browser';

// An administrator enables the NCUA rule; an analyst marks an incident notifiable under it,
// sees its clock on the incident and on the list, and records the notification.
const appUrl = inject('appUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const demoPassword = inject('demoPassword');
const run = Date.now().toString(36);
const title = `E2E card processor exposure ${run}`;
const NCUA = 'NCUA reportable cyber incident';

describe('regulator notification clocks end to end', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let number = 0;
  let incidentId = '';

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    const [justin] = await db.select().from(users).where(eq(users.email, 'justin@example.com'));
    const { incident } = await createIncident(db, systemActor('e2e'), {
      title,
      owner: `user:${justin.id}`,
    });
    number = incident.number;
    incidentId = incident.id;
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('lets an administrator enable the NCUA rule, its citation and summary shown', async () => {
    await signIn(page, appUrl, adminEmail, adminPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/settings/organization`);
    const rules = page.getByRole('region', { name: 'Regulator notification rules' });
    await rules.getByText('12 CFR 748.1(c)').waitFor();
    expect(await rules.getByText(/third-party provider/).count()).toBeGreaterThan(0);
    await rules.getByRole('button', { name: `Enable ${NCUA}` }).click();
    await rules.getByRole('button', { name: `Disable ${NCUA}` }).waitFor();
    const [rule] = await db
      .select()
      .from(noticeRules)
      .where(eq(noticeRules.builtinKey, 'ncua-748-72h'));
    expect(rule.enabled).toBe(true);
    await screenshot(page, 'notice-clocks-01-rules');
    await signOut(page);
  });

  it('lets an analyst mark the incident notifiable, keeping what was typed when refused', async () => {
    await signIn(page, appUrl, 'justin@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/incidents/${number}`);
    const section = page.getByRole('region', { name: 'Regulator notification' });
    await section.locator('summary', { hasText: 'Mark notifiable' }).click();
    // The belief was reached ten hours ago (Justin's zone): 62 of the 72 hours are left.
    const started = isoToLocalInput(new Date(Date.now() - 10 * 3_600_000), 'America/Chicago');
    await section.getByLabel('Clock started (your time)').fill(started);
    await section.getByRole('button', { name: 'Mark notifiable' }).click();
    await section.getByText('Say why the incident is notifiable').waitFor();
    expect(await section.getByLabel('Clock started (your time)').inputValue()).toBe(started);

    await section
      .getByLabel('Basis')
      .fill('The card processor’s notice says member card numbers were copied.');
    await section.getByRole('button', { name: 'Mark notifiable' }).click();
    const clock = section.getByRole('article', { name: `Notice clock: ${NCUA}` });
    await clock.getByText(/Notify: 2 d 1[34] h left/).waitFor();
    await screenshot(page, 'notice-clocks-02-running');
  });

  it('shows the clock on the incident list', async () => {
    await page.goto(`${appUrl}/incidents?q=${encodeURIComponent(run)}`);
    const row = page.getByRole('row', { name: new RegExp(`INC-${number}`) });
    await row.getByText(/Notify: 2 d 1[34] h left/).waitFor();
    await screenshot(page, 'notice-clocks-03-list');
  });

  it('records the notification, which stops the clock', async () => {
    await page.goto(`${appUrl}/incidents/${number}`);
    const clock = page.getByRole('article', { name: `Notice clock: ${NCUA}` });
    await clock.locator('summary', { hasText: 'Record the notification' }).click();
    await clock.getByLabel('Notified whom').fill('NCUA regional office');
    await clock.getByLabel('Reference number').fill('NCUA-2026-0042');
    await clock.getByRole('button', { name: 'Record notification' }).click();
    await clock.getByText('Notified', { exact: true }).waitFor();
    await clock.getByText('NCUA-2026-0042').waitFor();
    const [row] = await db
      .select()
      .from(incidentNoticeClocks)
      .where(eq(incidentNoticeClocks.incidentId, incidentId));
    expect(row.notificationReference).toBe('NCUA-2026-0042');
    expect(row.notifiedAt).not.toBeNull();
    await screenshot(page, 'notice-clocks-04-notified');
    await page.goto(`${appUrl}/incidents?q=${encodeURIComponent(run)}`);
    const listed = page.getByRole('row', { name: new RegExp(`INC-${number}`) });
    await listed.waitFor();
    expect(await listed.getByText(/Notify:/).count()).toBe(0);
  });
});
