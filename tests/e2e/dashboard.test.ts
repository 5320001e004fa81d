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
