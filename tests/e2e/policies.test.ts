import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowserPage, screenshot, signIn } from '../support/browser';
import { chooseOption, chosenOption } from '../support/combobox';
import { manifestOf, unzip, verifyBundle } from '../support/evidence-bundle';

// Sara, a Power User, writes down the bank's own policy that the monthly account review
// serves, versions it, and maps a schedule to it from the policy's page.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');

const TITLE = 'Internal policy to verify user accounts created';
const V1 = 'Every account created in the directory is matched to an approved access request.';
const V2 =
  'Every account created or enabled in the directory is matched to an approved access request within five business days.';

describe('Sara: a custom policy from creation to the schedule that evidences it', () => {
  let browser: Browser;
  let page: Page;
  let policyUrl = '';

  beforeAll(async () => {
    ({ browser, page } = await openBrowserPage());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Sara creates the policy with a 12-month review; a refused save keeps what she typed', async () => {
    await signIn(page, appUrl, 'sara@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/policies`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Policies');
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.waitForURL(`${appUrl}/policies/new`);

    await chooseOption(page, 'Owner', 'Justin Park', 'Justin');
    await page.getByLabel('Reference').fill('POL-AC-1');
    await page.getByLabel('Statement').fill(V1);
    await page.getByLabel('Review every (months)').fill('61');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByText('Enter a title.').waitFor();
    await page.getByText('Give a number of months from 1 to 60, or leave it empty.').waitFor();
    expect(await page.getByLabel('Reference').inputValue()).toBe('POL-AC-1');
    expect(await page.getByLabel('Statement').inputValue()).toBe(V1);
    expect(await chosenOption(page, 'Owner')).toBe('Justin Park');

    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Review every (months)').fill('12');
    await screenshot(page, 'policies-01-new');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.waitForURL(/\/policies\/[0-9a-f-]{36}\?saved=1$/);
    policyUrl = page.url().replace('?saved=1', '');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Custom POL-AC-1 · ${TITLE}`,
    );
  });

  it('shows its review schedule, owned by Justin, every 12 months', async () => {
    const schedules = page.getByRole('table', { name: 'Task schedules' });
    const review = schedules.getByRole('row', { name: new RegExp(`Review policy: ${TITLE}`) });
    expect(await review.textContent()).toContain('Reviews this policy');
    expect(await review.textContent()).toContain('v1');
    await screenshot(page, 'policies-02-created');
    await review.getByRole('link', { name: `Review policy: ${TITLE}` }).click();
    await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('recurrence').textContent()).toMatch(/^Every 12 months on day/);
    expect(await page.getByRole('region', { name: 'Details' }).textContent()).toContain(
      'Justin Park',
    );
  });

  it('lists it under your policies, and finds it by reference', async () => {
    await page.goto(`${appUrl}/policies?q=pol-ac`);
    const table = page.getByRole('table', { name: 'Custom' });
    expect(await table.getByRole('row', { name: new RegExp(TITLE) }).textContent()).toContain(
      'POL-AC-1',
    );
  });

  it('Sara edits it to version 2, and version 1 stays readable', async () => {
    await page.goto(`${policyUrl}/edit`);
    await page.getByLabel('Statement').fill(V2);
    await page.getByLabel('What changed').fill('Enabled accounts too, and a deadline');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.waitForURL(`${policyUrl}?saved=1`);
    await page.getByRole('region', { name: 'Text · version 2' }).getByText(V2).waitFor();
    const versions = page.getByRole('table', { name: 'Versions of this policy' });
    expect(await versions.getByRole('row').count()).toBe(3);
    expect(await versions.textContent()).toContain('Enabled accounts too, and a deadline');
    await versions.getByRole('link', { name: 'Read v1' }).click();
    await page.waitForURL(`${policyUrl}?version=1`);
    await page.getByRole('region', { name: 'Text · version 1' }).getByText(V1).waitFor();
    await page.getByText('You are reading version 1, an earlier text.').waitFor();
    await screenshot(page, 'policies-03-version-1');
  });

  it('Sara creates a schedule from the policy page with the policy pre-selected', async () => {
    await page.goto(policyUrl);
    await page.getByRole('link', { name: 'New task schedule' }).click();
    await page.waitForURL(/\/schedules\/new\?policy=/);
    await page.getByText(`Chosen: Custom POL-AC-1 — ${TITLE}`).waitFor();
    await page
      .getByLabel('Name', { exact: true })
      .fill('Accounts checked against the internal policy');
    await chooseOption(page, 'Owner', 'Justin Park', 'Justin');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.waitForURL(/\/schedules\/[0-9a-f-]{36}\?saved=1$/);

    await page.goto(policyUrl);
    const schedules = page.getByRole('table', { name: 'Task schedules' });
    const row = schedules.getByRole('row', {
      name: /Accounts checked against the internal policy/,
    });
    expect(await row.textContent()).toContain('v2');
    // The review schedule was attached at v1 and still says so.
    expect(
      await schedules.getByRole('row', { name: new RegExp(`Review policy`) }).textContent(),
    ).toContain('v1 (earlier text)');
    expect(await page.getByRole('region', { name: 'On time' }).textContent()).toContain(
      'On-time rate',
    );
    expect(
      await page
        .getByRole('link', { name: 'Compliance report for this policy' })
        .getAttribute('href'),
    ).toMatch(
      /^\/reports\/compliance\?policy=[0-9a-f-]{36}&from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}$/,
    );
    await screenshot(page, 'policies-04-attached');
  });

  it('Sara runs the compliance report for the policy, prints it and takes the evidence bundle', async () => {
    await page.goto(policyUrl);
    await page.getByRole('link', { name: 'Compliance report for this policy' }).click();
    await page.waitForURL(/\/reports\/compliance\?policy=/);
    // The report names the policy it is narrowed to in its header, on screen and on paper.
    expect(await page.locator('main').textContent()).toContain(TITLE);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('aside').isVisible()).toBe(false);
    await screenshot(page, 'policies-05-report-print');
    await page.emulateMedia({ media: 'screen' });

    const link = page.getByRole('link', { name: 'Download evidence bundle' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const entries = await unzip(await readFile((await download.path())!));
    expect(verifyBundle(entries)).toEqual([]);
    const policyId = new URL(page.url()).searchParams.get('policy');
    expect(JSON.stringify(manifestOf(entries))).toContain(policyId!);
    expect([...entries.keys()]).toContain('csv/occurrences.csv');
    await page.goto(policyUrl);
  });

  it('Sara retires it with a reason; it is marked retired and no longer offered', async () => {
    await page.getByRole('button', { name: 'Retire' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Retire policy' }).click();
    await dialog.getByText('Say why the policy is retired.').waitFor();
    await dialog
      .getByLabel('Why is it retired?')
      .fill('Merged into the access management standard');
    await dialog.getByRole('button', { name: 'Retire policy' }).click();
    await page.getByText(/^Retired: no longer offered/).waitFor();
    await page.reload();
    await page
      .getByText(/^Retired on .+ by Sara Lopez: Merged into the access management standard\./)
      .waitFor();
    await screenshot(page, 'policies-06-retired');
    await page.goto(`${appUrl}/policies?q=pol-ac`);
    expect(
      await page
        .getByRole('table', { name: 'Custom' })
        .getByRole('row', { name: new RegExp(TITLE) })
        .textContent(),
    ).toContain('Retired');
    // Pickers no longer offer it.
    await page.goto(`${appUrl}/tasks/new`);
    await page.getByLabel('Policies', { exact: true }).fill('POL-AC-1');
    await page.getByText('No match.').waitFor();
  });
});
