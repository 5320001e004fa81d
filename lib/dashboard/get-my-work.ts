import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { incidents, tasks, teamMembers, teams, type Incident, type Task } from '@/db/schema';
import { incidentSummaryColumns } from '@/lib/incidents/get-incidents';
import { AT_RISK_FRACTION } from '@/lib/incidents/response-target';
import { taskSummaryColumns } from '@/lib/tasks/overdue';

// "My work" on the dashboard: open incidents and open tasks owned by the viewer or by a team
// they belong to (a team's item belongs to each member). Both lists are short pages over the
// open-only owner indexes (incidents_open_owner_*_idx, tasks_open_owner_*_idx): what one
// person owns is read and sorted, never the whole table. Checked with EXPLAIN in
// tests/integration/dashboard-my-work.test.ts.

export const MY_WORK_LIMIT = 20;
/** Counts stop here and read "1000+": a person with more open items needs the list, not a number. */
export const MY_WORK_COUNT_CAP = 1000;

export type DashboardViewer = { userId: string; teams: { id: string; name: string }[] };

export type MyIncident = Pick<
  Incident,
  | 'id'
  | 'number'
  | 'title'
  | 'state'
  | 'severity'
  | 'ownerUserId'
  | 'ownerTeamId'
  | 'createdAt'
  | 'responseDueAt'
  | 'respondedAt'
>;
export type MyTask = Pick<
  Task,
  'id' | 'number' | 'title' | 'dueAt' | 'ownerUserId' | 'ownerTeamId'
>;
export type BoundedCount = { count: number; capped: boolean };

export type MyWork = {
  incidents: { rows: MyIncident[]; open: BoundedCount; breached: number; atRisk: number };
  tasks: { rows: MyTask[]; open: BoundedCount; overdue: number };
};

/** The viewer and the teams they belong to, by name: the page says whose work "my work" is. */
export async function getDashboardViewer(db: DbOrTx, userId: string): Promise<DashboardViewer> {
  const rows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(teams.name);
  return { userId, teams: rows };
}

type OwnerColumns = { ownerUserId: AnyPgColumn; ownerTeamId: AnyPgColumn };

/** "Owned by me" and, when I am in teams, "owned by one of my teams". */
function ownerBranches(viewer: DashboardViewer, columns: OwnerColumns): SQL[] {
  const teamIds = viewer.teams.map((team) => team.id);
  return [
    eq(columns.ownerUserId, viewer.userId),
    ...(teamIds.length ? [inArray(columns.ownerTeamId, teamIds)] : []),
  ];
}

function ownedBy(viewer: DashboardViewer, columns: OwnerColumns): SQL {
  return or(...ownerBranches(viewer, columns))!;
}

function instant(now: Date | undefined): SQL {
  return now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
}

/** 0 breached, 1 at risk, 2 on track, 3 answered: the same rule as responseClock. */
function responseRank(now: SQL): SQL<number> {
  const i = incidents;
  return sql<number>`case
    when ${i.respondedAt} is not null then 3
    when ${i.responseDueAt} < ${now} then 0
    when ${i.createdAt} + (${i.responseDueAt} - ${i.createdAt}) * ${AT_RISK_FRACTION}::float8 <= ${now} then 1
    else 2 end`;
}

function bounded(count: number): BoundedCount {
  return count > MY_WORK_COUNT_CAP
    ? { count: MY_WORK_COUNT_CAP, capped: true }
    : { count, capped: false };
}

type Options = { now?: Date; limit?: number };

// Spelled as the partial indexes' predicates (a bound parameter would not match them).
const myIncidents = (viewer: DashboardViewer) =>
  sql`${incidents.state} <> 'closed' and ${ownedBy(viewer, incidents)}`;
const taskIsOpen = sql`${tasks.state} = 'open'`;

const myIncidentColumns = {
  ...incidentSummaryColumns,
  createdAt: incidents.createdAt,
  responseDueAt: incidents.responseDueAt,
  respondedAt: incidents.respondedAt,
};

/** The page of my open incidents, as a query (tests EXPLAIN it). */
export function myIncidentRows(db: DbOrTx, viewer: DashboardViewer, options: Options = {}) {
  return db
    .select(myIncidentColumns)
    .from(incidents)
    .where(myIncidents(viewer))
    .orderBy(
      responseRank(instant(options.now)),
      sql`case when ${incidents.respondedAt} is null then ${incidents.responseDueAt} end`,
      incidents.createdAt,
      incidents.id,
    )
    .limit(options.limit ?? MY_WORK_LIMIT);
}

/**
 * My open tasks as one query per kind of ownership (mine, my teams'), each ordered by the
 * index that serves it, tasks_open_owner_*_idx (owner, due_at): as one OR the planner walked
 * tasks_open_due_idx through everyone's open tasks to find a few of mine.
 */
export function myTaskQueries(db: DbOrTx, viewer: DashboardViewer, options: Options = {}) {
  return ownerBranches(viewer, tasks).map((owned) =>
    db
      .select(taskSummaryColumns)
      .from(tasks)
      .where(and(taskIsOpen, owned))
      // Ascending puts no due date last, as the list does.
      .orderBy(asc(tasks.dueAt), asc(tasks.id))
      .limit(options.limit ?? MY_WORK_LIMIT),
  );
}

/** My open incidents by response clock: breached first, then at risk, then by time left. */
export async function getMyIncidents(db: DbOrTx, viewer: DashboardViewer, options: Options = {}) {
  const rank = responseRank(instant(options.now));
  const mine = myIncidents(viewer);
  // Ranked before the cap, so breached and at-risk counts are exact while they fit under it.
  const capped = db
    .select({ rank: rank.as('rank') })
    .from(incidents)
    .where(mine)
    .orderBy(rank)
    .limit(MY_WORK_COUNT_CAP + 1)
    .as('mine');
  const countsQuery = db
    .select({
      open: sql<number>`count(*)::int`,
      breached: sql<number>`(count(*) filter (where ${capped.rank} = 0))::int`,
      atRisk: sql<number>`(count(*) filter (where ${capped.rank} = 1))::int`,
    })
    .from(capped);
  const [rows, [counts]] = await Promise.all([myIncidentRows(db, viewer, options), countsQuery]);
  return {
    rows,
    open: bounded(counts?.open ?? 0),
    breached: counts?.breached ?? 0,
    atRisk: counts?.atRisk ?? 0,
  };
}

/** My open tasks by due date (overdue ones come first; no due date last). */
export async function getMyTasks(db: DbOrTx, viewer: DashboardViewer, options: Options = {}) {
  const limit = options.limit ?? MY_WORK_LIMIT;
  const counts = ownerBranches(viewer, tasks).map((owned) => {
    // Due order before the cap, so the overdue count is exact while it fits under it.
    const capped = db
      .select({ overdue: sql<boolean>`${tasks.dueAt} < ${instant(options.now)}`.as('overdue') })
      .from(tasks)
      .where(and(taskIsOpen, owned))
      .orderBy(asc(tasks.dueAt))
      .limit(MY_WORK_COUNT_CAP + 1)
      .as('mine');
    return db
      .select({
        open: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${capped.overdue}))::int`,
      })
      .from(capped);
  });
  const [pages, totals] = await Promise.all([
    Promise.all(myTaskQueries(db, viewer, { ...options, limit })),
    Promise.all(counts),
  ]);
  const due = (task: MyTask) => task.dueAt?.getTime() ?? Infinity;
  const rows = pages
    .flat()
    .sort((a, b) => due(a) - due(b) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
  const open = totals.reduce((sum, [row]) => sum + (row?.open ?? 0), 0);
  const overdue = totals.reduce((sum, [row]) => sum + (row?.overdue ?? 0), 0);
  return { rows, open: bounded(open), overdue: Math.min(overdue, MY_WORK_COUNT_CAP) };
}

/** Everything the "my work" half of the dashboard shows, in a few short indexed queries. */
export async function getMyWork(
  db: DbOrTx,
  viewer: DashboardViewer,
  options: { now?: Date } = {},
): Promise<MyWork> {
  const [incidentWork, taskWork] = await Promise.all([
    getMyIncidents(db, viewer, options),
    getMyTasks(db, viewer, options),
  ]);
  return { incidents: incidentWork, tasks: taskWork };
}
