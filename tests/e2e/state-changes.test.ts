import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { incidents, tasks, users } from '@/db/schema';
import { createIncident } from '@/lib/incidents/create-incident';
import { changeTaskState } from '@/lib/tasks/change-state';
import { updateTask } from '@/lib/tasks/update-task';
import { launchBrowser, openSignedIn, screenshot } from '../support/browser';
import { chooseOption, chosenOption, toggleOption } from '../support/combobox';
import { fillField } from '../support/fill-field';
import { actorOf } from '../support/ticket-fixtures';

// Justin works a task while Dana works the same one elsewhere. Whatever he clicks on a
// page drawn before her change, or after his own, the task ends up only where someone
// deliberately put it; what he typed survives every refusal.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const run = Date.now().toString(36);

describe('state changes mean what was chosen; refused forms keep what was typed', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let taskNumber = '';

  const taskRow = async () =>
    (
      await db
        .select()
        .from(tasks)
        .where(eq(tasks.number, Number(taskNumber)))
    )[0];
  const dana = async () =>
    actorOf((await db.select().from(users).where(eq(users.email, 'dana@example.com')))[0]);
  const statePanel = (p: Page) => p.getByRole('region', { name: 'State' });

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    browser = await launchBrowser();
    page = await openSignedIn(browser, appUrl, 'justin@example.com', demoPassword);
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('creates a task; its "is open" banner goes once the task is closed, and every control left on the page leaves it closed', async () => {
    await page.goto(`${appUrl}/tasks/new`);
    await page.getByLabel('Title').fill(`E2E firewall rule review ${run}`);
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.waitForURL(/\/tasks\/\d+\?created=1$/);
    taskNumber = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText(`TASK-${taskNumber} is open.`).waitFor();

    await statePanel(page).getByRole('button', { name: 'Close task…' }).click();
    await page
      .getByLabel('Findings (required)')
      .fill('Reviewed 41 rules; 2 stale rules removed under CHG-1182.');
    await statePanel(page).getByRole('button', { name: 'Close task', exact: true }).click();
    await statePanel(page).getByRole('button', { name: 'Reopen…' }).waitFor();
    const closed = await taskRow();
    expect(closed).toMatchObject({ state: 'closed', version: 2 });
    // Same URL, ?created=1 still in it: the banner was about version 1.
    expect(page.url()).toMatch(/\?created=1$/);
    expect(await page.getByText(`TASK-${taskNumber} is open.`).count()).toBe(0);
    expect(
      await statePanel(page)
        .getByRole('button', { name: /^Close task/ })
        .count(),
    ).toBe(0);
    await screenshot(page, 'state-changes-01-closed');

    // Every button of the panel, each submitted as it comes: none may move the task.
    const choices = await statePanel(page).getByRole('button').allTextContents();
    expect(choices).toEqual(['Mark invalid…', 'Reopen…']);
    const refusals: Record<string, string> = {
      'Mark invalid…': 'Marking a task invalid asks for the reason.',
      'Reopen…': 'Reopening asks for the reason',
    };
    for (const choice of choices) {
      await statePanel(page).getByRole('button', { name: choice, exact: true }).click();
      await statePanel(page)
        .getByRole('button', { name: choice.replace('…', ''), exact: true })
        .click();
      await statePanel(page).getByText(refusals[choice]).waitFor();
      await statePanel(page).getByRole('button', { name: 'Cancel' }).click();
    }
    expect(await taskRow()).toMatchObject({
      state: 'closed',
      version: closed.version,
      findings: closed.findings,
    });
  });

  it('asks for a reason to reopen, and keeps it in the log', async () => {
    await statePanel(page).getByRole('button', { name: 'Reopen…' }).click();
    await statePanel(page).getByRole('button', { name: 'Reopen', exact: true }).click();
    await statePanel(page).getByText('Reopening asks for the reason').waitFor();
    expect((await taskRow()).state).toBe('closed');
    await screenshot(page, 'state-changes-02-reopen-asks-why');

    await page.getByLabel('Why reopen (required)').fill('CHG-1182 was rolled back.');
    await statePanel(page).getByRole('button', { name: 'Reopen', exact: true }).click();
    await statePanel(page).getByRole('button', { name: 'Close task…' }).waitFor();
    expect(await taskRow()).toMatchObject({ state: 'open', version: 3 });
    await page.locator('#notes').getByText('Reopened: CHG-1182 was rolled back.').waitFor();
  });

  it('refuses a panel drawn before someone else closed the task, keeping the findings typed', async () => {
    const before = await taskRow();
    await page.reload();
    await statePanel(page).getByRole('button', { name: 'Close task…' }).click();
    const findings = 'Second pass: all 39 rules justified.';
    await page.getByLabel('Findings (required)').fill(findings);
    // Dana closes it from her own screen meanwhile.
    await changeTaskState(db, await dana(), before.id, {
      version: before.version,
      from: 'open',
      transition: 'close',
      findings: 'Closed by Dana.',
    });

    await statePanel(page).getByRole('button', { name: 'Close task', exact: true }).click();
    await statePanel(page)
      .getByText(
        new RegExp(`TASK-${taskNumber} was closed by Dana Whitfield at .* reload to see it`),
      )
      .waitFor();
    expect(await page.getByLabel('Findings (required)').inputValue()).toBe(findings);
    expect(await taskRow()).toMatchObject({
      state: 'closed',
      version: before.version + 1,
      findings: 'Closed by Dana.',
    });
    await screenshot(page, 'state-changes-03-stale-panel-refused');
  });

  it('keeps every edited field when a save is refused because the task changed meanwhile (409)', async () => {
    await page.goto(`${appUrl}/tasks/${taskNumber}/edit`);
    await page.getByLabel('Title').fill(`E2E firewall rule review, renamed ${run}`);
    await page.getByLabel('Description').fill('Typed while Dana was editing.');
    await page.getByLabel('Tags').fill('network, sox');
    await chooseOption(page, 'Owner', 'Priya Raman', 'Priya');
    await toggleOption(page, 'Watchers', 'Sara Lopez', 'Sara');

    const row = await taskRow();
    await updateTask(db, await dana(), row.id, {
      version: row.version,
      description: 'Dana’s description',
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByText(/This task was changed by Dana Whitfield at .* reload to see it/)
      .waitFor();

    expect(await page.getByLabel('Title').inputValue()).toBe(
      `E2E firewall rule review, renamed ${run}`,
    );
    expect(await page.getByLabel('Description').inputValue()).toBe('Typed while Dana was editing.');
    expect(await page.getByLabel('Tags').inputValue()).toBe('network, sox');
    expect(await chosenOption(page, 'Owner')).toBe('Priya Raman');
    expect(
      await page
        .getByRole('list', { name: 'Chosen watchers' })
        .getByText('Sara Lopez', { exact: true })
        .count(),
    ).toBe(1);
    expect(await taskRow()).toMatchObject({
      title: `E2E firewall rule review ${run}`,
      description: 'Dana’s description',
    });
    await screenshot(page, 'state-changes-04-edit-409-kept');
  });

  it('keeps the title, description and choices of a new incident refused by validation', async () => {
    await page.goto(`${appUrl}/incidents/new`);
    const description = `**Who:** 10.20.0.14\n\n**What:** 300 failed VPN logons in 5 minutes (${run})`;
    await fillField(page.getByLabel('Description'), description);
    await page.getByLabel('Severity').selectOption('high');
    await chooseOption(page, 'Owner', 'TRAC (team)', 'TRAC');
    // No title: refused.
    await page.getByRole('button', { name: 'Create incident' }).click();
    await page.getByText('Enter a title.').waitFor();
    expect(await page.getByLabel('Description').inputValue()).toBe(description);
    expect(await page.getByLabel('Severity').inputValue()).toBe('high');
    expect(await chosenOption(page, 'Owner')).toBe('TRAC (team)');

    await screenshot(page, 'state-changes-05-incident-refused-kept');

    const title = `E2E VPN password spraying ${run}`;
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Create incident' }).click();
    await page.waitForURL(/\/incidents\/\d+\?created=1$/);
    const [created] = await db.select().from(incidents).where(eq(incidents.title, title));
    expect(created.severity).toBe('high');
    // Browsers send a textarea's line breaks as CRLF.
    expect(created.description.replaceAll('\r\n', '\n')).toBe(description);
  });

  it('on an incident just closed, the panel offers only reopening, which asks why', async () => {
    const { incident } = await createIncident(db, await dana(), {
      title: `E2E beaconing host ${run}`,
    });
    await page.goto(`${appUrl}/incidents/${incident.number}`);
    await statePanel(page).getByRole('button', { name: 'Close incident…' }).click();
    await page
      .getByLabel('Closing note (required)')
      .fill('Host reimaged; no lateral movement found.');
    await statePanel(page).getByRole('button', { name: 'Close incident', exact: true }).click();
    await statePanel(page).getByRole('button', { name: 'Reopen in Triage…' }).waitFor();
    const [closed] = await db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(closed.state).toBe('closed');
    expect(
      await statePanel(page)
        .getByRole('button', { name: /Close incident/ })
        .count(),
    ).toBe(0);

    for (const choice of await statePanel(page).getByRole('button').allTextContents()) {
      await statePanel(page).getByRole('button', { name: choice, exact: true }).click();
      await statePanel(page)
        .getByRole('button', { name: choice.replace('…', ''), exact: true })
        .click();
      await statePanel(page).getByText('Reopening asks for the reason').waitFor();
      await statePanel(page).getByRole('button', { name: 'Cancel' }).click();
    }
    const [after] = await db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(after).toMatchObject({ state: 'closed', version: closed.version });
    await screenshot(page, 'state-changes-06-incident-closed');
  });
});
