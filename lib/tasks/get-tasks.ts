import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { taskPolicies, tasks, teams, users, type TaskState } from '@/db/schema';
import {
  countCapped,
  countCappedQuery,
  keysetCondition,
  keysetOrderBy,
  keysetPage,
  sortValueText,
  type KeysetOrder,
  type KeysetPage,
} from '@/lib/list/keyset';
import { policyConditions, type PolicyLinks } from '@/lib/list/policy-filter';
import { likePattern, ownerCondition, rangeConditions } from '@/lib/list/sql-conditions';
import { taskSortToken, type TaskListParams, type TaskSortKey } from './list-params';
import { overdueCondition, taskDueExpression, taskIsOpen } from './overdue';
import { TASK_STATES } from './schemas';

// The task list's queries: the page, its count, the CSV export and the API share the one
// filter condition below. Conditions are written in the shape of the indexes in
// db/schema/tasks.ts (state = 'open', the coalesced due date, tags @>, title trigram).

export const TASK_PAGE_SIZE = 50;
export const TASK_COUNT_CAP = 10_000;

const SORT_COLUMNS: Record<TaskSortKey, SQL> = {
  due: taskDueExpression,
  created: sql`${tasks.createdAt}`,
};

function keysetOrder(params: TaskListParams): KeysetOrder {
  return { column: SORT_COLUMNS[params.sort.key], id: tasks.id, direction: params.sort.direction };
}

function stateConditions(states: TaskState[]): SQL[] {
  if (states.length === TASK_STATES.length) return [];
  if (states.length === 1 && states[0] === 'open') return [taskIsOpen];
  return [inArray(tasks.state, states)];
}

const policyLinks: PolicyLinks = {
  table: taskPolicies,
  parentId: taskPolicies.taskId,
  policyId: taskPolicies.policyId,
};

/** The filters as one SQL condition (without the cursor). Values travel as bound parameters. */
export function taskFilterWhere(params: TaskListParams): SQL | undefined {
  const conditions: SQL[] = [...stateConditions(params.states)];
  if (params.owner) conditions.push(ownerCondition(tasks, params.owner));
  conditions.push(...rangeConditions(taskDueExpression, params.due));
  if (params.due.from && !params.due.to) conditions.push(sql`${tasks.dueAt} is not null`);
  // Overdue implies open, whatever states were asked for.
  if (params.overdue) conditions.push(overdueCondition());
  if (params.scheduleId) conditions.push(eq(tasks.scheduleId, params.scheduleId));
  if (params.tags.length) conditions.push(sql`${tasks.tags} @> ${sql.param(params.tags)}::text[]`);
  conditions.push(...policyConditions(tasks.id, policyLinks, params.policy));
  if (params.q) conditions.push(sql`${tasks.title} ilike ${likePattern(params.q)}`);
  return conditions.length ? and(...conditions) : undefined;
}

export function taskOrderBy(params: TaskListParams, reverse = false): SQL[] {
  return keysetOrderBy(keysetOrder(params), reverse);
}

export const taskOwnerUser = alias(users, 'owner_user');
export const taskOwnerTeam = alias(teams, 'owner_team');

export type TaskListRow = {
  id: string;
  number: number;
  title: string;
  state: TaskState;
  ownerUserId: string | null;
  ownerTeamId: string | null;
  ownerName: string | null;
  dueAt: Date | null;
  overdue: boolean;
  closedAt: Date | null;
  tags: string[];
  scheduleId: string | null;
  occurrenceAt: Date | null;
  generatedLate: boolean;
  createdAt: Date;
  updatedAt: Date;
};

function taskListColumns() {
  return {
    id: tasks.id,
    number: tasks.number,
    title: tasks.title,
    state: tasks.state,
    ownerUserId: tasks.ownerUserId,
    ownerTeamId: tasks.ownerTeamId,
    ownerName: sql<string | null>`coalesce(${taskOwnerUser.name}, ${taskOwnerTeam.name})`,
    dueAt: tasks.dueAt,
    overdue: sql<boolean>`(${overdueCondition()})`,
    closedAt: tasks.closedAt,
    tags: tasks.tags,
    scheduleId: tasks.scheduleId,
    occurrenceAt: tasks.occurrenceAt,
    generatedLate: tasks.generatedLate,
    createdAt: tasks.createdAt,
    updatedAt: tasks.updatedAt,
  };
}

export type TaskPage = KeysetPage<TaskListRow>;

/** The page's SELECT (one row more than the limit), exported so the benchmark can EXPLAIN it. */
export function taskPageQuery(db: DbOrTx, params: TaskListParams, limit: number) {
  const order = taskOrderBy(params, params.cursor?.before ?? false);
  // The page's ids first, walked from the index alone where it holds the filtered columns
  // (owner, overdue, a policy probe), then only the page's rows (as the incident list does).
  const pageIds = db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        taskFilterWhere(params),
        params.cursor
          ? keysetCondition(keysetOrder(params), params.cursor, (v) => sql`${v}::timestamptz`)
          : undefined,
      ),
    )
    .orderBy(...order)
    .limit(limit + 1)
    .as('page_ids');
  return db
    .select({ ...taskListColumns(), sortValue: sortValueText(SORT_COLUMNS[params.sort.key]) })
    .from(tasks)
    .innerJoin(pageIds, eq(pageIds.id, tasks.id))
    .leftJoin(taskOwnerUser, eq(taskOwnerUser.id, tasks.ownerUserId))
    .leftJoin(taskOwnerTeam, eq(taskOwnerTeam.id, tasks.ownerTeamId))
    .orderBy(...order);
}

/** One page by keyset on (sort column, id); one row more than asked tells whether another page follows. */
export async function getTaskPage(
  db: DbOrTx,
  params: TaskListParams,
  options: { limit?: number } = {},
): Promise<TaskPage> {
  const limit = options.limit ?? TASK_PAGE_SIZE;
  const fetched = await taskPageQuery(db, params, limit);
  return keysetPage(fetched, limit, taskSortToken(params.sort), params.cursor);
}

/** The count's SELECT, exported so the benchmark can EXPLAIN it. */
export function taskCountQuery(db: DbOrTx, params: TaskListParams) {
  return countCappedQuery(db, tasks, taskFilterWhere(params), TASK_COUNT_CAP);
}

/** How many match, counting at most TASK_COUNT_CAP + 1 rows ("10,000+"). */
export async function countTasks(
  db: DbOrTx,
  params: TaskListParams,
): Promise<{ count: number; capped: boolean }> {
  return countCapped(db, tasks, taskFilterWhere(params), TASK_COUNT_CAP);
}
