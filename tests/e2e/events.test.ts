import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDb, type Db } from '@/db/client';
import { users } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ingestEvents } from '@/lib/events/ingest';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { launchBrowser, screenshot, signIn, signOut } from '../support/browser';
import { optionName } from '../support/combobox';

// An analyst searches the day's failed logons, narrows them to one server by clicking its
// name, ticks three and opens an incident that keeps them; a reviewer follows a generated
// task's evidence link back to the same results.
const appUrl = inject('appUrl');
const demoPassword = inject('demoPassword');
const run = Date.now().toString(36);
const HOUR = 3_600_000;
const host = (n: number) => `srv-${run}-0${n}`;

// Twelve failed logons over the last two days on two servers, and noise that must not match.
const now = Date.now();
const FAILED = Array.from({ length: 12 }, (_, i) => ({
  '@timestamp': new Date(now - (0.5 + i * 4) * HOUR).toISOString(),
  event_id: '4625',
  hostname: host(1 + (i % 2)),
  app_name: 'Microsoft-Windows-Security-Auditing',
  user: `jdoe${i}`,
  source_ip: `198.51.100.${20 + i}`,
  message: `An account failed to log on. Run ${run}, attempt ${i}.`,
}));
const NOISE = [
  {
    '@timestamp': new Date(now - 2 * HOUR).toISOString(),
    event_id: '4624',
    hostname: host(1),
    message: `An account was successfully logged on. Run ${run}.`,
  },
];
const query = `event_id:4625 AND hostname:srv-${run}-*`;

describe('events end to end', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let incidentNumber = '';
  let incidentTitle = '';
  let refinedUrl = '';

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    const result = await ingestEvents(db, systemActor('test'), [...FAILED, ...NOISE], 'api');
    expect(result.rejected).toEqual([]);
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('finds the failed logons of the last 24 hours, newest first, with the histogram', async () => {
    await signIn(page, appUrl, 'justin@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await page.waitForURL(`${appUrl}/events`);
    await page.getByLabel('Query', { exact: true }).fill(query);
    await page.getByLabel('Time range').selectOption('24h');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/events\?q=/);
    const inDay = FAILED.filter((e) => now - Date.parse(e['@timestamp']) < 24 * HOUR);
    expect(await page.getByTestId('event-count').textContent()).toBe(
      `${inDay.length} matching events`,
    );
    const table = page.getByRole('table', { name: 'Events', exact: true });
    // Visible once streamed in behind the loading state (the count may be read before that).
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(inDay.length);
    expect(await rows.first().textContent()).toContain('attempt 0.');
    // The chart measures its container after it mounts and draws its bars only then.
    const bars = page.getByTestId('event-histogram').locator('.recharts-bar-rectangle');
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThan(0);
    await screenshot(page, 'events-01-search');
  });

  it('opens an event to every field and shows where a query stops parsing', async () => {
    const first = page
      .getByRole('table', { name: 'Events', exact: true })
      .locator('tbody tr')
      .first();
    await first.locator('summary').click();
    const fields = first.getByRole('definition');
    expect(await fields.filter({ hasText: 'jdoe0' }).count()).toBe(1);
    await screenshot(page, 'events-02-expanded');

    const url = page.url();
    await page.getByLabel('Query', { exact: true }).fill('event_id:(4625 OR');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'The query does not parse.' });
    await problem.waitFor();
    // The parser's own words name the character (18: after the OR) and what it expected there.
    expect(await problem.textContent()).toContain('character 18');
    await screenshot(page, 'events-03-syntax-error');
    await page.goto(url);
  });

  it('narrows to one server by clicking its name', async () => {
    const table = page.getByRole('table', { name: 'Events', exact: true });
    await table
      .getByRole('link', { name: `Add to the query: hostname ${host(1)}` })
      .first()
      .click();
    await page.waitForURL(/hostname%3Asrv-.*-01/);
    refinedUrl = page.url();
    expect(await page.getByLabel('Query', { exact: true }).inputValue()).toBe(
      `${query} AND hostname:${host(1)}`,
    );
    const onOne = FAILED.filter(
      (e) => now - Date.parse(e['@timestamp']) < 24 * HOUR && e.hostname === host(1),
    );
    expect(await page.getByTestId('event-count').textContent()).toBe(
      `${onOne.length} matching events`,
    );
    expect(onOne.length).toBeGreaterThanOrEqual(3);
  });

  it('exports exactly the events the search shows', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vigil-events-\d{8}-\d{4}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: false,
    }) as string[][];
    const hostname = header.indexOf('hostname');
    const shown = Number((await page.getByTestId('event-count').textContent())!.split(' ')[0]);
    expect(rows).toHaveLength(shown);
    expect(new Set(rows.map((row) => row[hostname]))).toEqual(new Set([host(1)]));
  });

  it('ticks three and opens an incident that keeps them', async () => {
    const boxes = page.getByRole('table', { name: 'Events', exact: true }).getByRole('checkbox', {
      name: /^Select the event of/,
    });
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    expect(await page.getByTestId('events-selected').textContent()).toBe('3 events selected');
    await screenshot(page, 'events-04-selected');
    await page.getByRole('button', { name: 'Create incident', exact: true }).click();
    await page.waitForURL(/\/events\/new-incident\?/);
    const description = await page.getByLabel('Description').inputValue();
    expect(description).toContain(host(1));
    expect(description).toContain('198.51.100.');
    expect(description).toContain('hostname:');
    incidentTitle = await page.getByLabel('Title').inputValue();
    expect(incidentTitle).toContain('3 events');
    await screenshot(page, 'events-05-prefilled');
    await page.getByRole('button', { name: 'Create incident', exact: true }).click();
    await page.waitForURL(/\/incidents\/\d+\?created=1$/);
    incidentNumber = new URL(page.url()).pathname.split('/').pop()!;

    const evidence = page.getByRole('region', { name: 'Events (3)' });
    await evidence.waitFor();
    for (const attempt of [0, 2, 4])
      expect(await evidence.textContent()).toContain(`Run ${run}, attempt ${attempt}.`);
    await screenshot(page, 'events-06-incident');
    expect(incidentNumber).toMatch(/^\d+$/);
  });

  it('adds more events to the incident just viewed, skipping the ones it has', async () => {
    // Over 7 days the server has older failed logons too: the newest is on the incident
    // already, the fourth (attempt 6) is not.
    const inWeek = new URL(refinedUrl);
    inWeek.searchParams.set('range', '7d');
    await page.goto(inWeek.toString());
    const boxes = page.getByRole('table', { name: 'Events', exact: true }).getByRole('checkbox', {
      name: /^Select the event of/,
    });
    await boxes.nth(0).check();
    await boxes.nth(3).check();
    await page.getByRole('button', { name: 'Add to incident…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Viewed lately comes first: typing the number finds it. Its list opens at the end of the
    // page (a popover over the dialog), so it is looked up from the page.
    const option = `INC-${incidentNumber} ${incidentTitle}`;
    const input = dialog.getByRole('combobox', { name: 'Incident', exact: true });
    await input.click();
    await input.fill(`INC-${incidentNumber}`);
    // Offered as one viewed lately.
    await page.getByRole('option', { name: `${option} viewed lately`, exact: true }).waitFor();
    await page.getByRole('option', { name: optionName(option) }).click();
    expect(await input.inputValue()).toBe(option);
    await screenshot(page, 'events-07-add-dialog');
    await dialog.getByRole('button', { name: 'Add events' }).click();
    await page.getByText(`Added 1 event to INC-${incidentNumber} (1 already on it).`).waitFor();
    await signOut(page);
  });

  it("follows a generated task's evidence link to the same results", async () => {
    const [justin] = await db.select().from(users).where(eq(users.email, 'justin@example.com'));
    const schedule = await createSchedule(db, systemActor('test'), {
      name: `Failed logons review ${run}`,
      owner: `user:${justin.id}`,
      pattern: { kind: 'daily' },
      timeOfDay: '00:00',
      timeZone: 'UTC',
      startDate: new Date(now - 3 * 24 * HOUR).toISOString().slice(0, 10),
      dueInDays: 1,
      query,
    });
    await signIn(page, appUrl, 'sara@example.com', demoPassword);
    await page.waitForURL(`${appUrl}/dashboard`);
    await page.goto(`${appUrl}/schedules/${schedule.id}`);
    await page.getByRole('button', { name: 'Generate now' }).click();
    const created = page.getByText(/^Created TASK-\d+\.$/);
    await created.waitFor();
    const taskNumber = /TASK-(\d+)/.exec((await created.textContent()) ?? '')![1];
    await page.goto(`${appUrl}/tasks/${taskNumber}`);
    const evidence = page.getByRole('region', { name: 'Review evidence' });
    await evidence.waitFor();
    const summary = await evidence.getByTestId('review-evidence-summary').textContent();
    const matched = /^(\d+) events? matched/.exec(summary ?? '');
    expect(matched, summary ?? '').not.toBeNull();
    await screenshot(page, 'events-08-task-evidence');
    await evidence.getByRole('link', { name: 'Open these events on the Events page' }).click();
    await page.waitForURL(/\/events\?.*from=.*to=/);
    expect(await page.getByLabel('Query', { exact: true }).inputValue()).toBe(query);
    expect(await page.getByTestId('event-count').textContent()).toBe(
      `${matched![1]} matching event${matched![1] === '1' ? '' : 's'}`,
    );
    await screenshot(page, 'events-09-evidence-search');
  });
});
