import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  incidents,
  organization,
  schedulePeriods,
  taskSchedules,
  tasks,
  type Incident,
  type User,
} from '@/db/schema';
import { getDashboard, OPEN_STATES, type DashboardScope } from '@/lib/dashboard/get-dashboard';
import {
  closedInMonthHref,
  openSeverityHref,
  openStateHref,
  tasksDueHref,
} from '@/lib/dashboard/links';
import { countIncidents } from '@/lib/incidents/get-incidents';
import { parseIncidentListParams } from '@/lib/incidents/list-params';
import { SEVERITIES } from '@/lib/incidents/schemas';
import { countTasks } from '@/lib/tasks/get-tasks';
import { parseTaskListParams } from '@/lib/tasks/list-params';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertIncidents, insertTeam, insertUser } from '../support/incident-fixtures';

// Every figure of the dashboard on a small history whose answers are known, for everyone
// and for "my teams", with month and week boundaries in the organization's zone (Chicago),
// and the monthly rollup checked against a recount after edits, reopens, reassignments
// and a change of the organization's zone.

const HOUR = 3_600_000;
const MINUTE = 60_000;
// A Wednesday: 12:00 in Chicago (UTC-6). Its week runs from Monday 30 November 06:00 UTC.
const now = new Date('2026-12-02T18:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const utc = (iso: string) => new Date(iso);

let test: TestDatabase;
let db: Db;
let me: User;
let other: User;
let teamId: string;
const row: Record<string, Incident> = {};

const load = (scope: DashboardScope) =>
  getDashboard(db, {
    viewer: { userId: me.id, teamIds: [teamId] },
    scope,
    timeZone: 'America/Chicago',
    now,
  });

function month(dashboard: Awaited<ReturnType<typeof load>>, key: string) {
  const found = dashboard.months.find((m) => m.month === key);
  if (!found) throw new Error(`no month ${key}`);
  return found;
}

async function insertSchedule(ownerUserId: string) {
  const [schedule] = await db
    .insert(taskSchedules)
    .values({
      name: `Weekly review ${ownerUserId.slice(0, 4)}`,
      ownerUserId,
      pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] },
      timeOfDay: '09:00',
      timeZone: 'America/Chicago',
      startDate: '2026-01-05',
      rrule: 'DTSTART;TZID=America/Chicago:20260105T090000\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
      dueInDays: 3,
    })
    .returning();
  return schedule;
}

async function period(
  scheduleId: string,
  occurrenceAt: Date,
  outcome: 'task' | 'missed',
  task?: Partial<typeof tasks.$inferInsert>,
) {
  const key = `week:${occurrenceAt.toISOString().slice(0, 10)}`;
  let taskId: string | null = null;
  if (task) {
    const [made] = await db
      .insert(tasks)
      .values({
        title: 'Weekly review',
        scheduleId,
        occurrenceAt,
        periodKey: key,
        dueAt: new Date(occurrenceAt.getTime() + 72 * HOUR),
        ...task,
      })
      .returning();
    taskId = made.id;
  }
  await db
    .insert(schedulePeriods)
    .values({ scheduleId, periodKey: key, occurrenceAt, outcome, taskId });
}

/** The rollup as it would be built from scratch now. */
async function recount() {
  return db.execute(sql`
    select f.month::text, i.severity::text, f.owner, count(*)::int as closed,
      sum(f.responded)::int as responded, sum(f.within_target)::int as within_target,
      sum(f.respond_ms)::bigint::text as respond_ms, sum(f.close_ms)::bigint::text as close_ms
    from incidents i
    cross join lateral incident_close_fact(i.created_at, i.response_due_at, i.responded_at,
      i.closed_at, i.owner_user_id, i.owner_team_id, organization_zone()) f
    where i.state = 'closed' and i.closed_at is not null
    group by 1, 2, 3 order by 1, 2, 3`);
}

async function rollup() {
  return db.execute(sql`
    select month::text, severity::text, owner, closed, responded, within_target,
      respond_ms::text, close_ms::text
    from incident_close_months where closed <> 0 or respond_ms <> 0 or close_ms <> 0
    order by 1, 2, 3`);
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'America/Chicago' });
  teamId = await insertTeam(db, 'TRAC');
  me = await insertUser(db, 'user', { name: 'Dana Reyes', teamIds: [teamId] });
  other = await insertUser(db, 'user', { name: 'Sam Other' });

  const inserted = await insertIncidents(db, [
    // Open ones.
    {
      title: 'A',
      severity: 'high',
      state: 'triage',
      ownerUserId: me.id,
      createdAt: at(-3 * HOUR),
      responseDueAt: at(-HOUR),
    },
    {
      title: 'B',
      severity: 'high',
      state: 'analysis',
      ownerTeamId: teamId,
      createdAt: at(-HOUR),
      responseDueAt: at(10 * MINUTE),
    },
    {
      title: 'C',
      severity: 'medium',
      state: 'analysis',
      ownerUserId: other.id,
      createdAt: at(-5 * HOUR),
      responseDueAt: at(-4 * HOUR),
      respondedAt: at(-4.5 * HOUR),
    },
    {
      title: 'D',
      severity: 'low',
      state: 'remediation',
      createdAt: at(-HOUR),
      responseDueAt: at(23 * HOUR),
    },
    {
      title: 'E',
      severity: 'none',
      state: 'resolved',
      ownerUserId: other.id,
      createdAt: at(-10 * HOUR),
      responseDueAt: at(-HOUR),
    },
    // Closed 23:30 on 30 November in Chicago (05:30 UTC on 1 December): November's.
    {
      title: 'F',
      severity: 'high',
      state: 'closed',
      ownerUserId: me.id,
      createdAt: utc('2026-11-30T05:00:00Z'),
      responseDueAt: utc('2026-11-30T07:00:00Z'),
      respondedAt: utc('2026-11-30T06:00:00Z'),
      closedAt: utc('2026-12-01T05:30:00Z'),
    },
    // Closed 00:30 on 1 December in Chicago: December's; answered after its target.
    {
      title: 'G',
      severity: 'high',
      state: 'closed',
      ownerUserId: other.id,
      createdAt: utc('2026-11-30T06:00:00Z'),
      responseDueAt: utc('2026-11-30T08:00:00Z'),
      respondedAt: utc('2026-11-30T09:00:00Z'),
      closedAt: utc('2026-12-01T06:30:00Z'),
    },
    // Never answered, closed in October.
    {
      title: 'H',
      severity: 'low',
      state: 'closed',
      ownerTeamId: teamId,
      createdAt: utc('2026-10-01T12:00:00Z'),
      responseDueAt: utc('2026-10-02T12:00:00Z'),
      closedAt: utc('2026-10-02T12:00:00Z'),
    },
    // 23:59 on 31 December 2025 in Chicago: 13 months back, outside the 12.
    {
      title: 'I',
      severity: 'medium',
      state: 'closed',
      ownerUserId: me.id,
      createdAt: utc('2025-12-31T18:00:00Z'),
      responseDueAt: utc('2026-01-01T06:00:00Z'),
      respondedAt: utc('2025-12-31T20:00:00Z'),
      closedAt: utc('2026-01-01T05:59:00Z'),
    },
    // 00:00 on 1 January 2026 in Chicago: the first of the 12 months.
    {
      title: 'J',
      severity: 'medium',
      state: 'closed',
      ownerUserId: other.id,
      createdAt: utc('2025-12-31T18:00:00Z'),
      responseDueAt: utc('2026-01-01T06:00:00Z'),
      respondedAt: utc('2025-12-31T20:00:00Z'),
      closedAt: utc('2026-01-01T06:00:00Z'),
    },
  ]);
  for (const incident of inserted) row[incident.title] = incident;

  await db.insert(tasks).values([
    // Overdue and due this week.
    { title: 'T1', ownerUserId: me.id, dueAt: utc('2026-12-01T18:00:00Z') },
    { title: 'T2', ownerUserId: other.id, dueAt: at(-2 * HOUR) },
    // Closed: neither overdue nor counted as due.
    {
      title: 'T3',
      ownerUserId: me.id,
      state: 'closed',
      findings: 'Done.',
      closedAt: at(-HOUR),
      dueAt: at(-24 * HOUR),
    },
    // Sunday 23:59 in Chicago: still this week.
    { title: 'T4', ownerTeamId: teamId, dueAt: utc('2026-12-07T05:59:00Z') },
    // Monday 00:00: next week.
    { title: 'T5', ownerUserId: me.id, dueAt: utc('2026-12-07T06:00:00Z') },
    // Sunday 23:59 of last week: overdue, not this week's.
    { title: 'T6', ownerUserId: other.id, dueAt: utc('2026-11-30T05:59:00Z') },
    { title: 'T7', ownerUserId: other.id },
  ]);

  // The 90 days are 4 September to 2 December in Chicago.
  const mine = await insertSchedule(me.id);
  const theirs = await insertSchedule(other.id);
  const closed = (closedAt: Date) => ({
    state: 'closed' as const,
    findings: 'Reviewed.',
    closedAt,
  });
  await period(mine.id, utc('2026-11-02T15:00:00Z'), 'task', closed(utc('2026-11-03T15:00:00Z')));
  await period(mine.id, utc('2026-11-09T15:00:00Z'), 'task', closed(utc('2026-11-14T15:00:00Z')));
  await period(mine.id, utc('2026-11-16T15:00:00Z'), 'missed');
  await period(mine.id, utc('2026-11-23T15:00:00Z'), 'task', {
    state: 'invalid',
    invalidReason: 'Holiday.',
    closedAt: utc('2026-11-24T15:00:00Z'),
  });
  await period(mine.id, utc('2026-11-30T15:00:00Z'), 'task', {});
  // 23:00 on 3 September in Chicago: the day before the window.
  await period(mine.id, utc('2026-09-04T04:00:00Z'), 'missed');
  await period(theirs.id, utc('2026-11-02T15:00:00Z'), 'task', closed(utc('2026-11-02T16:00:00Z')));
});

afterAll(() => test?.drop());

describe('the dashboard figures', () => {
  it('counts open incidents by severity and by state', async () => {
    const everyone = await load('everyone');
    expect(everyone.open).toEqual({
      total: 5,
      bySeverity: { none: 1, low: 1, medium: 1, high: 2 },
      byState: { triage: 1, analysis: 2, remediation: 1, resolved: 1 },
    });
    const mine = await load('my-teams');
    expect(mine.open).toEqual({
      total: 2,
      bySeverity: { none: 0, low: 0, medium: 0, high: 2 },
      byState: { triage: 1, analysis: 1, remediation: 0, resolved: 0 },
    });
  });

  it('counts response targets breached and at risk', async () => {
    expect((await load('everyone')).response).toEqual({ breached: 2, atRisk: 1 });
    expect((await load('my-teams')).response).toEqual({ breached: 1, atRisk: 1 });
  });

  it('counts overdue tasks and open tasks due in the organization’s week', async () => {
    const everyone = await load('everyone');
    expect(everyone.tasks.week).toEqual({
      from: utc('2026-11-30T06:00:00Z'),
      to: utc('2026-12-07T06:00:00Z'),
    });
    // T1, T2, T4 and the schedule's open review due on Thursday.
    expect(everyone.tasks).toMatchObject({ overdue: 3, dueThisWeek: 4 });
    expect((await load('my-teams')).tasks).toMatchObject({ overdue: 1, dueThisWeek: 2 });
  });

  it('gives the schedules’ on-time rate over the last 90 days', async () => {
    const everyone = await load('everyone');
    expect(everyone.onTime).toEqual({
      counts: { 'on-time': 2, late: 1, open: 1, overdue: 0, invalid: 1, missed: 1 },
      rate: 0.5,
      fromDay: '2026-09-04',
      toDay: '2026-12-02',
    });
    const mine = await load('my-teams');
    expect(mine.onTime.counts).toEqual({
      'on-time': 1,
      late: 1,
      open: 1,
      overdue: 0,
      invalid: 1,
      missed: 1,
    });
    expect(mine.onTime.rate).toBeCloseTo(1 / 3, 12);
  });

  it('gives 12 months of closings in the organization’s zone, by severity', async () => {
    const everyone = await load('everyone');
    expect(everyone.months.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(everyone.months[0].from).toEqual(utc('2026-01-01T06:00:00Z'));
    expect(everyone.months[11].to).toEqual(utc('2027-01-01T06:00:00Z'));
    expect(month(everyone, '2026-11').bySeverity.high).toEqual({
      closed: 1,
      responded: 1,
      withinTarget: 1,
      meanRespondMs: HOUR,
      meanCloseMs: 24.5 * HOUR,
      withinTargetShare: 1,
    });
    expect(month(everyone, '2026-12').bySeverity.high).toEqual({
      closed: 1,
      responded: 1,
      withinTarget: 0,
      meanRespondMs: 3 * HOUR,
      meanCloseMs: 24.5 * HOUR,
      withinTargetShare: 0,
    });
    expect(month(everyone, '2026-10').bySeverity.low).toEqual({
      closed: 1,
      responded: 0,
      withinTarget: 0,
      meanRespondMs: null,
      meanCloseMs: 24 * HOUR,
      withinTargetShare: 0,
    });
    // J only: I closed a minute before January began in Chicago.
    expect(month(everyone, '2026-01').all).toEqual({
      closed: 1,
      responded: 1,
      withinTarget: 1,
      meanRespondMs: 2 * HOUR,
      meanCloseMs: 12 * HOUR,
      withinTargetShare: 1,
    });
    expect(month(everyone, '2026-05').all).toEqual({
      closed: 0,
      responded: 0,
      withinTarget: 0,
      meanRespondMs: null,
      meanCloseMs: null,
      withinTargetShare: null,
    });
    const mine = await load('my-teams');
    expect(month(mine, '2026-11').all.closed).toBe(1);
    expect(month(mine, '2026-12').all.closed).toBe(0);
    expect(month(mine, '2026-10').all.closed).toBe(1);
    expect(month(mine, '2026-01').all.closed).toBe(0);
  });

  it('links each number to a list that counts the same, read in another zone', async () => {
    // A viewer in Tokyo: the links carry the organization's instants, not dates.
    const viewer = { userId: me.id, teamIds: [teamId], timeZone: 'Asia/Tokyo' };
    const query = (href: string) => new URLSearchParams(href.slice(href.indexOf('?') + 1));
    const incidentsAt = async (href: string) =>
      (await countIncidents(db, parseIncidentListParams(query(href), viewer))).count;
    for (const scope of ['everyone', 'my-teams'] as const) {
      const dashboard = await load(scope);
      for (const severity of SEVERITIES)
        expect(await incidentsAt(openSeverityHref(scope, severity))).toBe(
          dashboard.open.bySeverity[severity],
        );
      for (const state of OPEN_STATES)
        expect(await incidentsAt(openStateHref(scope, state))).toBe(dashboard.open.byState[state]);
      const due = tasksDueHref(scope, dashboard.tasks.week, dashboard.timeZone);
      expect((await countTasks(db, parseTaskListParams(query(due), viewer))).count).toBe(
        dashboard.tasks.dueThisWeek,
      );
      for (const m of dashboard.months) {
        expect(await incidentsAt(closedInMonthHref(scope, m, undefined, dashboard.timeZone))).toBe(
          m.all.closed,
        );
        for (const severity of SEVERITIES)
          expect(await incidentsAt(closedInMonthHref(scope, m, severity, dashboard.timeZone))).toBe(
            m.bySeverity[severity].closed,
          );
      }
    }
    expect(
      closedInMonthHref(
        'everyone',
        month(await load('everyone'), '2026-11'),
        'high',
        'America/Chicago',
      ),
    ).toBe(
      '/incidents?state=closed&severity=high&closedFrom=2026-11-01T00%3A00%3A00.000-05%3A00&closedTo=2026-11-30T23%3A59%3A59.999-06%3A00',
    );
  });

  it('keeps the monthly rollup exact through reassignment, edits, reopening and a zone change', async () => {
    // Reassigned to me: December's high incident becomes mine.
    await db.update(incidents).set({ ownerUserId: me.id }).where(eq(incidents.id, row.G.id));
    expect(month(await load('my-teams'), '2026-12').bySeverity.high.closed).toBe(1);
    // A closed incident's severity and answer corrected.
    await db
      .update(incidents)
      .set({ severity: 'medium', respondedAt: utc('2026-11-30T07:00:00Z') })
      .where(eq(incidents.id, row.G.id));
    const edited = month(await load('everyone'), '2026-12');
    expect(edited.bySeverity.high.closed).toBe(0);
    expect(edited.bySeverity.medium).toMatchObject({
      closed: 1,
      withinTarget: 1,
      meanRespondMs: HOUR,
    });
    // A title edit changes nothing.
    await db.update(incidents).set({ title: 'G, retitled' }).where(eq(incidents.id, row.G.id));
    expect(await rollup()).toEqual(await recount());

    // In UTC, F closed in December and I in January.
    await db.update(organization).set({ timeZone: 'UTC' });
    expect(await rollup()).toEqual(await recount());
    const inUtc = await getDashboard(db, {
      viewer: { userId: me.id, teamIds: [teamId] },
      scope: 'everyone',
      timeZone: 'UTC',
      now,
    });
    expect(month(inUtc, '2026-12').all.closed).toBe(2);
    expect(month(inUtc, '2026-11').all.closed).toBe(0);
    expect(month(inUtc, '2026-01').all.closed).toBe(2);
    await db.update(organization).set({ timeZone: 'America/Chicago' });

    // Reopened: November loses F; closed again today, December gains it.
    await db
      .update(incidents)
      .set({ state: 'analysis', closedAt: null })
      .where(eq(incidents.id, row.F.id));
    let dashboard = await load('everyone');
    expect(month(dashboard, '2026-11').all.closed).toBe(0);
    expect(dashboard.open.total).toBe(6);
    await db
      .update(incidents)
      .set({ state: 'closed', closedAt: now })
      .where(eq(incidents.id, row.F.id));
    dashboard = await load('everyone');
    expect(month(dashboard, '2026-12').bySeverity.high).toMatchObject({
      closed: 1,
      meanCloseMs: now.getTime() - utc('2026-11-30T05:00:00Z').getTime(),
    });

    // A bulk change of many rows in one statement, and a delete.
    await db
      .update(incidents)
      .set({ ownerUserId: null, ownerTeamId: teamId })
      .where(eq(incidents.state, 'closed'));
    expect(month(await load('my-teams'), '2026-12').all.closed).toBe(2);
    await db.delete(incidents).where(eq(incidents.id, row.H.id));
    expect(month(await load('everyone'), '2026-10').all.closed).toBe(0);
    expect(await rollup()).toEqual(await recount());
  });
});
