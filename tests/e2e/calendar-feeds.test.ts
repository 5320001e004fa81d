import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '@/db/client';
import { users } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { createTask } from '@/lib/tasks/create-task';
import { openBrowserPage, screenshot, signIn } from '../support/browser';

// Dana subscribes her calendar to her tasks, and her team to a schedule: the feed address
// is made on the page, read over HTTP as a calendar client reads it, its links open the
// items in the browser, and a revoked address answers 404.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const run = Math.random().toString(36).slice(2, 8);

type FeedEvent = { summary: string; url: string };

async function readFeed(url: string): Promise<{ status: number; events: FeedEvent[] }> {
  const response = await fetch(url);
  if (response.status !== 200) return { status: response.status, events: [] };
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return {
    status: 200,
    events: calendar.getAllSubcomponents('vevent').map((vevent) => ({
      summary: String(vevent.getFirstPropertyValue('summary')),
      url: String(vevent.getFirstPropertyValue('url')),
    })),
  };
}

async function makeFeedAddress(page: Page): Promise<string> {
  const section = page.getByTestId('calendar-feed');
  await section.getByRole('button', { name: 'Create feed address' }).click();
  const url = (await section.getByTestId('calendar-feed-url').textContent())!.trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/(people|schedules)\/vcal_/);
  return url;
}

describe('calendar feeds', () => {
  let browser: Browser;
  let page: Page;
  const db = createDb(inject('appDatabaseUrl'), { max: 2 });
  const taskTitle = `Renew the TLS certificates ${run}`;
  const scheduleName = `Badge access review ${run}`;
  let scheduleId = '';

  beforeAll(async () => {
    ({ browser, page } = await openBrowserPage());
    const [dana] = await db.select().from(users).where(eq(users.email, 'dana@example.com'));
    await createTask(db, systemActor('test'), {
      title: taskTitle,
      owner: `user:${dana.id}`,
      dueAt: new Date(Date.now() + 3 * 86_400_000),
    });
    scheduleId = (
      await createSchedule(db, systemActor('test'), {
        name: scheduleName,
        owner: `user:${dana.id}`,
        pattern: { kind: 'weekly', weekdays: ['TU'] },
        timeOfDay: '10:00',
        timeZone: 'America/Denver',
        startDate: '2026-01-06',
        dueInDays: 3,
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await db.close();
  });

  it('Dana makes her feed address on her profile; her calendar reads it and its links open her task', async () => {
    await signIn(page, appUrl, 'dana@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/settings/profile`);
    const url = await makeFeedAddress(page);
    await screenshot(page, 'calendar-01-profile-feed-address');

    const feed = await readFeed(url);
    expect(feed.status).toBe(200);
    const event = feed.events.find((e) => e.summary.endsWith(taskTitle))!;
    expect(event.url).toMatch(new RegExp(`^${appUrl}/tasks/\\d+$`));
    const opened = await page.goto(event.url);
    expect(opened?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(taskTitle);

    // The schedule she owns is there too, at its own time.
    expect(feed.events.some((e) => e.summary.startsWith(scheduleName))).toBe(true);

    await page.goto(`${appUrl}/settings/profile`);
    const section = page.getByTestId('calendar-feed');
    await expect
      .poll(() => section.getByTestId('calendar-feed-state').textContent())
      .toMatch(/^A feed address exists/);
    await section.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await section.getByText('Feed address revoked.').waitFor();
    // The message comes with the action's answer; the state line with the page refreshed after it.
    await expect
      .poll(() => section.getByTestId('calendar-feed-state').textContent())
      .toBe('No feed address exists.');
    expect((await readFeed(url)).status).toBe(404);
  });

  it('Dana makes her schedule’s team feed on its page; its link opens the schedule', async () => {
    await page.goto(`${appUrl}/schedules/${scheduleId}`);
    const url = await makeFeedAddress(page);
    await screenshot(page, 'calendar-02-schedule-feed-address');
    const feed = await readFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.events.length).toBeGreaterThanOrEqual(12);
    expect(new Set(feed.events.map((e) => e.url))).toEqual(
      new Set([`${appUrl}/schedules/${scheduleId}`]),
    );
    const opened = await page.goto(feed.events[0].url);
    expect(opened?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(scheduleName);
  });
});
