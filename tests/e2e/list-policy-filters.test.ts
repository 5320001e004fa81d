import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { incidentPolicies, policies, taskPolicies, tasks } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { launchBrowser, screenshot, signIn } from '../support/browser';

// Following a policy or framework link lands on exactly the items attached to it, the filter
// forms show what the link chose, and a link to a policy that does not exist says so instead
// of showing an empty list.
const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const marker = `E2E policy ${run}`;

describe('lists filtered by policy and framework', () => {
  let browser: Browser;
  let page: Page;
  let db: Db;
  let policyId: string;

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    const [policy] = await db
      .insert(policies)
      .values({ framework: `E2E ${run}`, reference: 'LOG-1', title: 'Logs are reviewed weekly' })
      .returning({ id: policies.id });
    policyId = policy.id;
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(
        (await createIncident(db, systemActor('e2e'), { title: `${marker} incident ${i}` }))
          .incident,
      );
    await db
      .insert(incidentPolicies)
      .values(made.slice(0, 2).map((i) => ({ incidentId: i.id, policyId })));
    const [task] = await db
      .insert(tasks)
      .values({ title: `${marker} task`, dueAt: new Date(Date.now() + 86_400_000) })
      .returning({ id: tasks.id });
    await db.insert(taskPolicies).values({ taskId: task.id, policyId });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await signIn(page, appUrl, inject('adminEmail'), inject('adminPassword'));
    await page.waitForURL(`${appUrl}/dashboard`);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('shows exactly the incidents of a policy, and of its framework in any case', async () => {
    await page.goto(`${appUrl}/incidents?policy=${policyId}`);
    expect(await page.getByTestId('incident-count').textContent()).toContain('2 matching');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Policy' }).inputValue())
      .toContain('LOG-1');
    await screenshot(page, 'lists-policy-01-incidents');
    await page.goto(`${appUrl}/incidents?framework=${encodeURIComponent(`e2e ${run}`)}`);
    expect(await page.getByTestId('incident-count').textContent()).toContain('2 matching');
    expect(await page.getByLabel('Framework').inputValue()).toBe(`E2E ${run}`);
  });

  it('filters tasks by framework from the form', async () => {
    await page.goto(`${appUrl}/tasks`);
    await page.getByLabel('Framework').selectOption(`E2E ${run}`);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/framework=/);
    await expect.poll(() => page.getByText(`${marker} task`).count()).toBe(1);
    // The list streams in after its loading status; wait for the count, not the first status.
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 task');
  });

  it('says a policy does not exist instead of showing an empty list', async () => {
    await page.goto(`${appUrl}/incidents?policy=99999999-9999-4999-8999-999999999999`);
    await expect.poll(() => page.getByText('No policy has the id').count()).toBeGreaterThan(0);
    await screenshot(page, 'lists-policy-02-unknown');
    await page.goto(`${appUrl}/schedules?framework=nothing-like-it`);
    await expect.poll(() => page.getByText('Unknown framework "nothing-like-it"').count()).toBe(1);
  });
});
