import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  incidentPolicies,
  policies,
  schedulePolicies,
  taskPolicies,
  tasks,
  taskSchedules,
  users,
  type Role,
  type User,
} from '@/db/schema';
import { GET as getIncidentList } from '@/app/api/v1/incidents/route';
import { GET as getScheduleList } from '@/app/api/v1/schedules/route';
import { GET as getTaskList } from '@/app/api/v1/tasks/route';
import { streamIncidentsCsv } from '@/lib/incidents/export-csv';
import { countIncidents, getIncidentPage } from '@/lib/incidents/get-incidents';
import { parseIncidentListParams } from '@/lib/incidents/list-params';
import { schedulesCsv } from '@/lib/schedules/export-csv';
import { getSchedules } from '@/lib/schedules/get-schedules';
import { parseScheduleListParams } from '@/lib/schedules/list-params';
import { streamTasksCsv } from '@/lib/tasks/export-csv';
import { countTasks, getTaskPage } from '@/lib/tasks/get-tasks';
import { parseTaskListParams } from '@/lib/tasks/list-params';
import { getListViewer, type ListViewer } from '@/lib/tickets/list-viewer';
import { peopleWithTokens, routeCaller, type Handler } from '../support/api-fixtures';
import { parseCsv, readAll } from '../support/csv';
import { insertIncidents, insertTeam } from '../support/incident-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// policy=… (any of), framework=… (case-insensitive), owner=my-teams and the incident list's
// closedFrom/closedTo: the page, its count and its CSV hold exactly the matching rows, and an
// unknown policy or framework is a 400 from the API naming the parameter.

let db: Db;
let viewer: ListViewer;
let me: User;
let team: string;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const ids = {} as Record<'csf1' | 'csf2' | 'pci' | 'unused', string>;

let counter = 0;
async function makeUser(role: Role, teamIds: string[] = []): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({
      email: `lists-${role}-${counter}@example.com`,
      name: `${role} ${counter}`,
      role,
      timeZone: 'America/Chicago',
    })
    .returning();
  if (teamIds.length) {
    const { teamMembers } = await import('@/db/schema');
    await db.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId: user.id })));
  }
  return user;
}

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  team = await insertTeam(db, 'TRAC');
  const otherTeam = await insertTeam(db, 'Network');
  await peopleWithTokens(
    db,
    (role) => makeUser(role, role === 'user' ? [team] : []),
    people,
    tokens,
  );
  me = people.user;
  const other = people.power_user;
  const rows = await db
    .insert(policies)
    .values([
      { framework: 'NIST CSF', reference: 'FX.AA-01', title: 'Identities are managed' },
      { framework: 'NIST CSF', reference: 'FX.AA-02', title: 'Access is reviewed' },
      { framework: 'PCI DSS', reference: 'FX.10.4.1', title: 'Logs are reviewed daily' },
      { framework: 'CIS', reference: 'FX.5.1', title: 'Account inventory' },
    ])
    .returning({ id: policies.id });
  [ids.csf1, ids.csf2, ids.pci, ids.unused] = rows.map((r) => r.id);
  viewer = await getListViewer(db, me);

  // Closed a day after they were opened, as closing always comes after opening.
  const closed = (iso: string) => ({
    state: 'closed' as const,
    closedAt: new Date(iso),
    createdAt: new Date(new Date(iso).getTime() - 86_400_000),
  });
  const incidents = await insertIncidents(db, [
    { title: 'fx-csf1', ownerUserId: me.id },
    { title: 'fx-csf2-team', ownerTeamId: team },
    { title: 'fx-csf1-pci', ownerUserId: other.id },
    { title: 'fx-pci-otherteam', ownerTeamId: otherTeam },
    { title: 'fx-none' },
    // March 2026 in Chicago: from 06:00Z on the 1st to 05:00Z on April 1 (DST began March 8).
    { title: 'fx-closed-feb28', ...closed('2026-03-01T05:59:00Z') },
    { title: 'fx-closed-mar1', ...closed('2026-03-01T06:00:00Z') },
    { title: 'fx-closed-mar31-csf', ...closed('2026-04-01T04:59:00Z') },
    { title: 'fx-closed-apr1', ...closed('2026-04-01T05:00:00Z') },
  ]);
  const incident = (title: string) => incidents.find((i) => i.title === title)!.id;
  await db.insert(incidentPolicies).values([
    { incidentId: incident('fx-csf1'), policyId: ids.csf1 },
    { incidentId: incident('fx-csf2-team'), policyId: ids.csf2 },
    { incidentId: incident('fx-csf1-pci'), policyId: ids.csf1 },
    { incidentId: incident('fx-csf1-pci'), policyId: ids.pci },
    { incidentId: incident('fx-pci-otherteam'), policyId: ids.pci },
    { incidentId: incident('fx-closed-mar31-csf'), policyId: ids.csf2 },
  ]);

  const taskRows = await db
    .insert(tasks)
    .values([
      { title: 'fx-task-csf1', ownerUserId: me.id },
      { title: 'fx-task-pci-team', ownerTeamId: team },
      { title: 'fx-task-pci-other', ownerUserId: other.id },
      { title: 'fx-task-none', ownerTeamId: otherTeam },
    ])
    .returning();
  const task = (title: string) => taskRows.find((t) => t.title === title)!.id;
  await db.insert(taskPolicies).values([
    { taskId: task('fx-task-csf1'), policyId: ids.csf1 },
    { taskId: task('fx-task-pci-team'), policyId: ids.pci },
    { taskId: task('fx-task-pci-other'), policyId: ids.pci },
  ]);

  const schedule = (name: string, owner: Record<string, string>) => ({
    name,
    ...owner,
    pattern: { kind: 'monthly-day', day: 1 },
    timeOfDay: '08:00',
    timeZone: 'UTC',
    startDate: '2026-01-01',
    rrule: 'DTSTART;TZID=UTC:20260101T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1',
    dueInDays: 4,
  });
  const schedules = await db
    .insert(taskSchedules)
    .values([
      schedule('fx-sched-csf2-mine', { ownerUserId: me.id }),
      schedule('fx-sched-pci-team', { ownerTeamId: team }),
      schedule('fx-sched-pci-other', { ownerTeamId: otherTeam }),
      schedule('fx-sched-none', { ownerUserId: other.id }),
    ] as (typeof taskSchedules.$inferInsert)[])
    .returning();
  const sched = (name: string) => schedules.find((s) => s.name === name)!.id;
  await db.insert(schedulePolicies).values([
    { scheduleId: sched('fx-sched-csf2-mine'), policyId: ids.csf2 },
    { scheduleId: sched('fx-sched-pci-team'), policyId: ids.pci },
    { scheduleId: sched('fx-sched-pci-other'), policyId: ids.pci },
  ]);
});

const fx = (titles: string[]) => titles.filter((t) => t.startsWith('fx-')).sort();

async function incidentsOf(query: string) {
  const params = parseIncidentListParams(new URLSearchParams(query), viewer);
  const page = await getIncidentPage(db, params, { limit: 500 });
  const count = await countIncidents(db, params);
  const [, ...rows] = parseCsv(
    (await readAll(streamIncidentsCsv(db, params, 'America/Chicago'))).replace(/^\uFEFF/, ''),
  );
  const listed = fx(page.rows.map((r) => r.title));
  expect(fx(rows.map((r) => r[1])), `CSV of ${query}`).toEqual(listed);
  expect(count, `count of ${query}`).toEqual({ count: page.rows.length, capped: false });
  return listed;
}

async function tasksOf(query: string) {
  const params = parseTaskListParams(new URLSearchParams(query), viewer);
  const page = await getTaskPage(db, params, { limit: 500 });
  const count = await countTasks(db, params);
  const [, ...rows] = parseCsv(
    (await readAll(streamTasksCsv(db, params, 'America/Chicago'))).replace(/^\uFEFF/, ''),
  );
  const listed = fx(page.rows.map((r) => r.title));
  expect(fx(rows.map((r) => r[1])), `CSV of ${query}`).toEqual(listed);
  expect(count, `count of ${query}`).toEqual({ count: page.rows.length, capped: false });
  return listed;
}

async function schedulesOf(query: string) {
  const params = parseScheduleListParams(new URLSearchParams(query), viewer);
  const page = await getSchedules(db, { ...params, limit: 200 });
  const [, ...rows] = parseCsv((await schedulesCsv(db, params, 'UTC')).replace(/^\uFEFF/, ''));
  const listed = fx(page.rows.map((r) => r.name));
  expect(fx(rows.map((r) => r[1])), `CSV of ${query}`).toEqual(listed);
  return listed;
}

describe('incident list: policy, framework, my teams, closing range', () => {
  it('filters by one policy, by any of several, and by framework in any case', async () => {
    expect(await incidentsOf(`policy=${ids.csf1}`)).toEqual(['fx-csf1', 'fx-csf1-pci']);
    expect(await incidentsOf(`policy=${ids.csf2}&policy=${ids.pci}`)).toEqual([
      'fx-csf1-pci',
      'fx-csf2-team',
      'fx-pci-otherteam',
    ]);
    expect(await incidentsOf('framework=nist+csf')).toEqual([
      'fx-csf1',
      'fx-csf1-pci',
      'fx-csf2-team',
    ]);
    expect(await incidentsOf('framework=nist+csf&state=all')).toContain('fx-closed-mar31-csf');
    expect(await incidentsOf(`framework=PCI+DSS&policy=${ids.csf1}`)).toEqual(['fx-csf1-pci']);
    expect(await incidentsOf(`policy=${ids.unused}`)).toEqual([]);
  });

  it('owner=my-teams: mine and my teams’, with the other filters', async () => {
    expect(await incidentsOf('owner=my-teams')).toEqual(['fx-csf1', 'fx-csf2-team']);
    expect(await incidentsOf('owner=my-teams&framework=nist+csf')).toEqual([
      'fx-csf1',
      'fx-csf2-team',
    ]);
  });

  it('closedFrom/closedTo are whole days in the viewer’s zone, and mean closed incidents', async () => {
    expect(await incidentsOf('closedFrom=2026-03-01&closedTo=2026-03-31')).toEqual([
      'fx-closed-mar1',
      'fx-closed-mar31-csf',
    ]);
    expect(await incidentsOf('state=all&closedTo=2026-02-28')).toEqual(['fx-closed-feb28']);
    expect(await incidentsOf(`closedFrom=2026-03-01&policy=${ids.csf2}`)).toEqual([
      'fx-closed-mar31-csf',
    ]);
  });
});

describe('task list: policy, framework, my teams', () => {
  it('returns exactly the matching tasks in page, count and CSV', async () => {
    expect(await tasksOf(`policy=${ids.pci}`)).toEqual(['fx-task-pci-other', 'fx-task-pci-team']);
    expect(await tasksOf(`policy=${ids.pci}&policy=${ids.csf1}`)).toEqual([
      'fx-task-csf1',
      'fx-task-pci-other',
      'fx-task-pci-team',
    ]);
    expect(await tasksOf('framework=Nist+Csf')).toEqual(['fx-task-csf1']);
    expect(await tasksOf('owner=my-teams')).toEqual(['fx-task-csf1', 'fx-task-pci-team']);
    expect(await tasksOf('owner=my-teams&framework=pci+dss')).toEqual(['fx-task-pci-team']);
  });
});

describe('schedule list: policy, framework, my teams', () => {
  it('returns exactly the matching schedules in page and CSV', async () => {
    expect(await schedulesOf(`policy=${ids.pci}`)).toEqual([
      'fx-sched-pci-other',
      'fx-sched-pci-team',
    ]);
    expect(await schedulesOf('framework=NIST+csf')).toEqual(['fx-sched-csf2-mine']);
    expect(await schedulesOf('owner=my-teams')).toEqual([
      'fx-sched-csf2-mine',
      'fx-sched-pci-team',
    ]);
    expect(await schedulesOf(`owner=my-teams&policy=${ids.pci}`)).toEqual(['fx-sched-pci-team']);
  });
});

describe('unknown policy or framework through the API', () => {
  const call = routeCaller(() => tokens.user);
  const lists = [
    ['incidents', getIncidentList],
    ['tasks', getTaskList],
    ['schedules', getScheduleList],
  ] as const;
  const missing = '99999999-9999-4999-8999-999999999999';

  it.each(lists)('%s: a 400 naming the parameter, never an empty list', async (name, handler) => {
    const get = (query: string) =>
      call(handler as unknown as Handler, 'GET', `/api/v1/${name}`, { query });
    const unknownPolicy = await get(`policy=${missing}`);
    expect(unknownPolicy.status).toBe(400);
    expect(JSON.stringify(await unknownPolicy.json())).toContain(
      `No policy has the id ${missing}.`,
    );
    const unknownFramework = await get('framework=ISO+27001');
    expect(unknownFramework.status).toBe(400);
    const body = JSON.stringify(await unknownFramework.json());
    expect(body).toContain('framework');
    expect(body).toContain('Unknown framework \\"ISO 27001\\"');
    const known = await get(`policy=${ids.pci}&framework=pci+dss`);
    expect(known.status).toBe(200);
    expect((await known.json()).data).toHaveLength(2);
  });
});
