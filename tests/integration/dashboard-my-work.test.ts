import { sql } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityList } from '@/components/activity/activity-list';
import { MyWork } from '@/components/dashboard/my-work';
import type { Db } from '@/db/client';
import { tasks, type Incident, type Task, type User } from '@/db/schema';
import { getActivityLabels } from '@/lib/activity/activity-labels';
import { getActivity } from '@/lib/activity/get-activity';
import {
  getDashboardViewer,
  getMyWork,
  myIncidentRows,
  myTaskQueries,
  type DashboardViewer,
} from '@/lib/dashboard/get-my-work';
import { closeTask } from '@/lib/tasks/change-state';
import { updateTask } from '@/lib/tasks/update-task';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertIncidents, insertTeam, insertUser } from '../support/incident-fixtures';

// The dashboard's "my work": what the viewer or one of their teams owns, most urgent first,
// read from the open-only owner indexes, and shown with names, never ids.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HOUR = 3_600_000;
const now = new Date();
const at = (ms: number) => new Date(now.getTime() + ms);

let test: TestDatabase;
let db: Db;
let me: User;
let other: User;
let teamId: string;
let viewer: DashboardViewer;
const incident: Record<string, Incident> = {};
const task: Record<string, Task> = {};

async function insertTask(
  title: string,
  values: Partial<typeof tasks.$inferInsert>,
): Promise<Task> {
  const [row] = await db
    .insert(tasks)
    .values({ title, ...values })
    .returning();
  return row;
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  teamId = await insertTeam(db, 'TRAC');
  me = await insertUser(db, 'user', {
    name: 'Dana Reyes',
    timeZone: 'America/Chicago',
    teamIds: [teamId],
  });
  other = await insertUser(db, 'user', { name: 'Sam Other' });
  viewer = await getDashboardViewer(db, me.id);

  const rows = await insertIncidents(db, [
    // 10 % of its time used.
    {
      title: 'Mine, on track',
      ownerUserId: me.id,
      createdAt: at(-1 * HOUR),
      responseDueAt: at(9 * HOUR),
    },
    {
      title: 'My team’s, breached',
      ownerTeamId: teamId,
      createdAt: at(-5 * HOUR),
      responseDueAt: at(-1 * HOUR),
    },
    // 90 % used, an hour left.
    {
      title: 'Mine, at risk',
      ownerUserId: me.id,
      createdAt: at(-9 * HOUR),
      responseDueAt: at(1 * HOUR),
    },
    // Less time left than the at-risk one, but only a quarter used: after it.
    {
      title: 'Mine, short clock',
      ownerUserId: me.id,
      createdAt: at(-0.17 * HOUR),
      responseDueAt: at(0.5 * HOUR),
    },
    {
      title: 'Mine, answered',
      ownerUserId: me.id,
      createdAt: at(-8 * HOUR),
      responseDueAt: at(-6 * HOUR),
      respondedAt: at(-7 * HOUR),
    },
    {
      title: 'Someone else’s, breached',
      ownerUserId: other.id,
      createdAt: at(-5 * HOUR),
      responseDueAt: at(-2 * HOUR),
    },
    {
      title: 'Mine, closed',
      ownerUserId: me.id,
      state: 'closed',
      createdAt: at(-5 * HOUR),
      responseDueAt: at(-3 * HOUR),
      closedAt: at(-1 * HOUR),
    },
  ]);
  for (const row of rows) incident[row.title] = row;

  task.later = await insertTask('Mine, due in three days', {
    ownerUserId: me.id,
    dueAt: at(72 * HOUR),
  });
  task.teamOverdue = await insertTask('My team’s, two days overdue', {
    ownerTeamId: teamId,
    dueAt: at(-48 * HOUR),
  });
  task.noDue = await insertTask('Mine, no due date', { ownerUserId: me.id });
  task.overdue = await insertTask('Mine, an hour overdue', {
    ownerUserId: me.id,
    dueAt: at(-1 * HOUR),
  });
  await insertTask('Someone else’s, overdue', { ownerUserId: other.id, dueAt: at(-96 * HOUR) });
  await insertTask('Mine, closed', {
    ownerUserId: me.id,
    dueAt: at(-96 * HOUR),
    state: 'closed',
    findings: 'done',
    closedAt: at(-HOUR),
  });
});
afterAll(() => test?.drop());

describe('my work on the dashboard', () => {
  it('lists my and my teams’ open incidents breached first, then at risk, then by time left', async () => {
    const work = await getMyWork(db, viewer, { now });
    expect(work.incidents.rows.map((row) => row.title)).toEqual([
      'My team’s, breached',
      'Mine, at risk',
      'Mine, short clock',
      'Mine, on track',
      'Mine, answered',
    ]);
    expect(work.incidents.open).toEqual({ count: 5, capped: false });
    expect(work.incidents.breached).toBe(1);
    expect(work.incidents.atRisk).toBe(1);
  });

  it('lists my and my teams’ open tasks overdue first, by due date, no due date last', async () => {
    const work = await getMyWork(db, viewer, { now });
    expect(work.tasks.rows.map((row) => row.title)).toEqual([
      'My team’s, two days overdue',
      'Mine, an hour overdue',
      'Mine, due in three days',
      'Mine, no due date',
    ]);
    expect(work.tasks.open).toEqual({ count: 4, capped: false });
    expect(work.tasks.overdue).toBe(2);
  });

  it('shows the breached incident and the overdue task first, says whose work it is, and shows no ids', async () => {
    const work = await getMyWork(db, viewer, { now });
    const html = renderToStaticMarkup(
      createElement(MyWork, { work, viewer, timeZone: me.timeZone, now }),
    );
    const links = [...html.matchAll(/href="(\/(?:incidents|tasks)\/\d+)"/g)].map((m) => m[1]);
    expect(links.find((href) => href.startsWith('/incidents/'))).toBe(
      `/incidents/${incident['My team’s, breached'].number}`,
    );
    expect(links.find((href) => href.startsWith('/tasks/'))).toBe(
      `/tasks/${task.teamOverdue.number}`,
    );
    expect(html).toContain('Breached by 1 h');
    expect(html).toContain('Overdue by 2 d');
    const text = html.replace(/<[^>]+>/g, ' ');
    expect(text).toContain(`Owned by you or by a team you belong to: ${viewer.teams[0].name}.`);
    expect(text).toContain(`${viewer.teams[0].name} (team)`);
    expect(html).not.toMatch(UUID);
  });

  it('has an empty state for someone who owns nothing', async () => {
    const idle = await getDashboardViewer(db, other.id);
    const work = await getMyWork(
      db,
      { ...idle, userId: (await insertUser(db, 'user')).id },
      { now },
    );
    const html = renderToStaticMarkup(
      createElement(MyWork, { work, viewer: idle, timeZone: 'UTC', now }),
    );
    expect(html).toContain('No open incidents are yours or your teams’.');
    expect(html).toContain('No open tasks are yours or your teams’.');
    expect(html).toContain('Owned by you. You belong to no team.');
  });

  it('reads recent activity as sentences with names: no ids, no action codes', async () => {
    const actor = actorOf(me);
    const updated = await updateTask(db, actor, task.later.id, {
      version: task.later.version,
      owner: `team:${teamId}`,
    });
    await closeTask(db, actor, task.later.id, {
      version: updated.version,
      from: 'open',
      findings: 'Reviewed.',
    });
    const rows = await getActivity(db, { actorId: me.id, limit: 15 });
    const html = renderToStaticMarkup(
      createElement(ActivityList, {
        rows,
        timeZone: me.timeZone,
        labels: await getActivityLabels(db, rows),
      }),
    );
    const text = html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain(`Dana Reyes closed TASK-${task.later.number}`);
    expect(text).toContain(`Owner: Dana Reyes → ${viewer.teams[0].name} (team)`);
    expect(html).toContain(`href="/tasks/${task.later.number}"`);
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/\btask\.[a-z-]+|\b(user|team):/);
    // Times are the viewer's (Chicago is CST or CDT).
    expect(text).toMatch(/\d{2}:\d{2} C[SD]T/);
  });

  it('reads both pages from the open-only owner indexes', async () => {
    // An organization's worth: years of my closed history and many open items of others.
    await db.execute(sql`
      insert into incidents (title, state, owner_user_id, response_due_at, closed_at)
      select 'old ' || n, 'closed', ${me.id}::uuid, now(), now() from generate_series(1, 20000) n`);
    await db.execute(sql`
      insert into incidents (title, owner_user_id, response_due_at)
      select 'theirs ' || n, ${other.id}::uuid, now() + interval '1 day' from generate_series(1, 20000) n`);
    await db.execute(sql`
      insert into tasks (title, state, owner_user_id, findings, closed_at, due_at)
      select 'old ' || n, 'closed', ${me.id}::uuid, 'done', now(), now() from generate_series(1, 20000) n`);
    await db.execute(sql`
      insert into tasks (title, owner_user_id, due_at)
      select 'theirs ' || n, ${other.id}::uuid, now() + interval '1 day' from generate_series(1, 20000) n`);
    await db.execute(sql`analyze incidents`);
    await db.execute(sql`analyze tasks`);
    const plan = async (query: { getSQL(): unknown }) =>
      JSON.stringify(await db.execute(sql`explain (format json) ${query as never}`));
    const incidentsPlan = await plan(myIncidentRows(db, viewer, { now }));
    expect(incidentsPlan).toContain('incidents_open_owner_user_idx');
    expect(incidentsPlan).toContain('incidents_open_owner_team_idx');
    expect(incidentsPlan).not.toContain('Seq Scan');
    const [mine, teams] = await Promise.all(myTaskQueries(db, viewer, { now }).map(plan));
    expect(mine).toContain('tasks_open_owner_user_idx');
    expect(teams).toContain('tasks_open_owner_team_idx');
    expect(mine + teams).not.toContain('Seq Scan');
    expect(mine + teams).not.toContain('tasks_open_due_idx');
  });
});
