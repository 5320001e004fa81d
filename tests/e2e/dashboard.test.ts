import { eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { incidents, tasks, users } from '@/db/schema';
import { createIncident } from '@/lib/incidents/create-incident';
import { createTask } from '@/lib/tasks/create-task';
import { launchBrowser, screenshot, signIn } from '../support/browser';
import { actorOf } from '../support/ticket-fixtures';

// Priya opens Vigil and sees her work first: the incident past its response target and the
// task most overdue at the top, and what happened in words, with no ids.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the dashboard opens on my work', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let incidentNumber = 0;
  let taskNumber = 0;

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    const [priya] = await db.select().from(users).where(eq(users.email, 'priya@example.com'));
    const actor = actorOf(priya);
    const { incident } = await createIncident(db, actor, {
      title: 'Dashboard: breached long ago',
      severity: 'high',
      owner: `user:${priya.id}`,
    });
    // Older than anything else open: a month past its target.
    await db
      .update(incidents)
      .set({
        createdAt: sql`now() - interval '31 days'`,
        responseDueAt: sql`now() - interval '30 days'`,
      })
      .where(eq(incidents.id, incident.id));
    const { task } = await createTask(db, actor, {
      title: 'Dashboard: a year overdue',
      owner: `user:${priya.id}`,
    });
    await db
      .update(tasks)
      .set({ dueAt: sql`now() - interval '365 days'` })
      .where(eq(tasks.id, task.id));
    incidentNumber = incident.number;
    taskNumber = task.number;

    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await signIn(page, appUrl, 'priya@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('lists my breached incident and my overdue task first, links them, and shows no ids', async () => {
    await page.goto(`${appUrl}/dashboard`);
    expect(await page.getByRole('heading', { name: 'My work' }).count()).toBe(1);
    expect(await page.getByTestId('my-work-scope').textContent()).toContain('Network Operations');

    const firstIncident = page.getByTestId('my-incidents').getByRole('link').first();
    expect(await firstIncident.textContent()).toBe(`INC-${incidentNumber}`);
    expect(await page.getByTestId('my-incidents').locator('li').first().textContent()).toContain(
      'Breached by 30 d',
    );
    const firstTask = page.getByTestId('my-tasks').getByRole('link').first();
    expect(await firstTask.textContent()).toBe(`TASK-${taskNumber}`);
    expect(await page.getByTestId('my-tasks').locator('li').first().textContent()).toContain(
      'Overdue by 365 d',
    );

    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/\b(incident|task|user)\.[a-z-]+\b|\b(user|team):/);
    // Her own trail reads as words and links the item.
    expect(text).toContain(`Priya Raman created TASK-${taskNumber}`);
    await screenshot(page, 'dashboard-my-work');

    await firstTask.click();
    await page.waitForURL(`${appUrl}/tasks/${taskNumber}`);
  });
});

// The CISO's questions, answered with numbers that each open the list they count: the count
// of open High incidents and of overdue tasks on the dashboard is the count the list shows.
describe('the dashboard figures lead to their lists', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await signIn(page, appUrl, 'priya@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const digits = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

  it('shows charts with their tables, and the open High count is the list’s', async () => {
    await page.goto(`${appUrl}/dashboard`);
    for (const testId of [
      'chart-open-severity',
      'chart-open-state',
      'chart-respond',
      'chart-close',
    ])
      await page.getByTestId(testId).locator('.recharts-surface').first().waitFor();
    const bySeverity = page.getByRole('table', { name: 'Open incidents by severity' });
    const high = bySeverity.getByRole('row', { name: /High/ }).getByRole('link');
    const shown = digits(await high.textContent());
    expect(shown).toBeGreaterThan(0);
    expect(await page.getByTestId('months-close').getByRole('row').count()).toBe(13);
    await screenshot(page, 'dashboard-figures');

    // Followed as a fresh load: a scan in the middle of a client-side navigation saw the
    // list before its streamed <title> arrived.
    const href = await high.getAttribute('href');
    expect(href).toBe('/incidents?severity=high');
    await page.goto(`${appUrl}${href}`);
    expect(digits(await page.getByTestId('incident-count').textContent())).toBe(shown);
  });

  it('counts overdue tasks as the task list does, and narrows to my teams', async () => {
    await page.goto(`${appUrl}/dashboard`);
    const everyone = digits(await page.getByTestId('figure-overdue-tasks').textContent());
    await page.getByRole('link', { name: 'Me and my teams' }).click();
    await page.waitForURL(/scope=my-teams/);
    expect(
      await page.getByRole('heading', { name: 'Figures for you and your teams' }).count(),
    ).toBe(1);
    const overdue = page.getByTestId('figure-overdue-tasks');
    const mine = digits(await overdue.textContent());
    // Her year-overdue task at least; never more than everyone's.
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThanOrEqual(everyone);
    await screenshot(page, 'dashboard-figures-my-teams');

    const href = await overdue.getAttribute('href');
    expect(href).toBe('/tasks?overdue=true&owner=my-teams');
    await page.goto(`${appUrl}${href}`);
    const status = page.locator('main p[role="status"]').first();
    expect(digits(await status.textContent())).toBe(mine);
  });
});
