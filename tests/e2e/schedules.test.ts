import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { createUser } from '@/lib/users/create-user';
import { setUserActive } from '@/lib/users/set-user-active';
import { openBrowserPage, screenshot, signIn, signOut } from '../support/browser';
import { chooseOption, optionName, toggleOption } from '../support/combobox';

// The tickets overview's worked example: Sara, a manager, has Justin verify every month
// that the user accounts created were legitimate, with four days to finish.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

describe('Sara and Justin: a library schedule from copy to a task closed on time', () => {
  let browser: Browser;
  let page: Page;
  let scheduleUrl = '';
  let taskNumber = '';

  beforeAll(async () => {
    ({ browser, page } = await openBrowserPage());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Sara copies the user-accounts review from the library with Justin as owner and herself watching', async () => {
    await signIn(page, appUrl, 'sara@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/library?interval=monthly`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Library');
    await page.getByRole('checkbox', { name: 'Select User accounts created and enabled' }).check();
    await page.getByRole('button', { name: /^Copy selected/ }).click();

    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await chooseOption(dialog, 'Time zone', 'America/Chicago', 'Chicago');
    await chooseOption(dialog, 'Owner', 'Justin Park', 'Justin');
    await toggleOption(dialog, 'Watchers', 'Sara Lopez', 'Sara');
    await dialog.getByRole('checkbox', { name: /Activate now/ }).check();
    await screenshot(page, 'schedules-01-copy-dialog');
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();

    // The library confirms the copy with a link to the new schedule.
    const confirmation = page.getByRole('status', { name: 'Copied 1 template to your schedules' });
    await confirmation.waitFor();
    await screenshot(page, 'schedules-01b-copy-confirmed');
    await confirmation.getByRole('link', { name: 'User accounts created and enabled' }).click();
    await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
    scheduleUrl = page.url();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'User accounts created and enabled',
    );
    expect(await page.getByTestId('recurrence').textContent()).toBe(
      'Every month on day 1 at 08:00, America/Chicago',
    );
    await page.getByText('Recommended next steps').waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    expect(await details.textContent()).toContain('Justin Park');
    expect(await details.textContent()).toContain('Sara Lopez (all)');
    await screenshot(page, 'schedules-02-copied');
  });

  it('shows it on Task Schedules, tagged with its template', async () => {
    await page.goto(`${appUrl}/schedules?name=user+accounts`);
    const row = page.getByRole('row', { name: /User accounts created and enabled/ });
    expect(await row.textContent()).toContain('library: user accounts created and enabled');
    expect(await row.textContent()).toContain('Every month on day 1 at 08:00, America/Chicago');
    expect(await row.textContent()).toContain('4 days');
  });

  it('Sara confirms monthly on the 1st with 4 days to finish in the form, with the next five occurrences shown', async () => {
    await page.goto(`${scheduleUrl}/edit`);
    expect(await page.getByLabel('Repeats').inputValue()).toBe('monthly-day');
    expect(await page.getByLabel('Day of the month').inputValue()).toBe('1');
    expect(await page.getByLabel('Due in days').inputValue()).toBe('4');
    const preview = page.getByTestId('recurrence-preview');
    await preview.getByText('Next five occurrences').waitFor();
    expect(await preview.locator('li').count()).toBe(5);
    // A bad value is named beside its field before anything is saved.
    await page.getByLabel('Day of the month').fill('32');
    await page.getByText('Choose a day from 1 to 31.').waitFor();
    await page.getByLabel('Day of the month').fill('1');
    await preview.getByText('Every month on day 1 at 08:00, America/Chicago').waitFor();
    await screenshot(page, 'schedules-03-edit-preview');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.waitForURL(scheduleUrl + '?saved=1');
  });

  it('Sara generates the task', async () => {
    await page.getByRole('button', { name: 'Generate now' }).click();
    const created = page.getByText(/^Created TASK-\d+\.$/);
    await created.waitFor();
    taskNumber = /TASK-(\d+)/.exec((await created.textContent()) ?? '')![1];
    await page.reload();
    expect(await page.getByRole('table', { name: 'Periods' }).textContent()).toContain(
      `TASK-${taskNumber}`,
    );
    await screenshot(page, 'schedules-04-generated');
    await signOut(page);
  });

  it('Justin signs in and closes it with his findings', async () => {
    await signIn(page, appUrl, 'justin@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/tasks/${taskNumber}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(
      /User accounts created and enabled — \w+ \d{4}$/,
    );
    await page.getByRole('button', { name: 'Close task…' }).click();
    await page
      .getByLabel('Findings (required)')
      .fill(
        'Reviewed the 6 accounts created last month (event 4720): all match approved access requests; none created outside IT administrators.',
      );
    await page.getByRole('button', { name: 'Close task', exact: true }).click();
    await page.getByText('Closed', { exact: true }).first().waitFor();
    await screenshot(page, 'schedules-05-justin-closed');
    await signOut(page);
  });

  it('Sara signs in and sees it closed on time', async () => {
    await signIn(page, appUrl, 'sara@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(scheduleUrl);
    const record = page.getByTestId('schedule-record');
    expect(await record.textContent()).toContain('Completed on time1');
    const row = page.getByRole('row', { name: new RegExp(`TASK-${taskNumber}`) });
    expect(await row.textContent()).toContain('Completed on time');
    await screenshot(page, 'schedules-06-sara-on-time');
  });

  it('an administrator chooses TRAC as fallback owner; a schedule whose owner left says its tasks go there', async () => {
    // A leaver of this test only: the demo users stay active for the other files.
    const db = createDb(inject('appDatabaseUrl'), { max: 2 });
    const system = systemActor('e2e');
    const { user: leaver } = await createUser(db, system, {
      email: 'robin.leaver@example.com',
      name: 'Robin Leaver',
      role: 'user',
    });
    const schedule = await createSchedule(db, system, {
      name: 'Quarterly vendor access review',
      owner: `user:${leaver.id}`,
      pattern: { kind: 'quarterly', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'America/Chicago',
      startDate: '2026-01-01',
      dueInDays: 5,
    });
    await setUserActive(db, system, leaver.id, false);
    await db.close();

    await signOut(page);
    await signIn(page, appUrl, adminEmail, adminPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/settings/organization`);
    const fallback = 'Owner of tasks whose schedule has no active owner';
    await page.getByRole('combobox', { name: fallback }).fill('Robin');
    expect(await page.getByRole('option', { name: optionName('Robin Leaver') }).count()).toBe(0);
    await chooseOption(page, fallback, 'TRAC (team)', 'TRAC');
    // The page has other forms with their own Save (two-step sign-in): this one's.
    const form = page
      .locator('form')
      .filter({ has: page.getByRole('combobox', { name: fallback }) });
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByText('Saved.').waitFor();

    await page.goto(`${appUrl}/schedules/${schedule.id}`);
    await page
      .getByText("Owner deactivated — tasks go to TRAC (team), the organization's fallback owner")
      .first()
      .waitFor();
    expect(await page.getByRole('region', { name: 'Periods' }).textContent()).toContain(
      'No period has come due yet.',
    );
    await screenshot(page, 'schedules-07-owner-deactivated');
    await page.goto(`${appUrl}/schedules?name=vendor+access`);
    expect(
      await page.getByRole('row', { name: /Quarterly vendor access review/ }).textContent(),
    ).toContain('Owner deactivated — tasks go to TRAC (team)');
  });
});
