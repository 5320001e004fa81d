import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { tasks, teams, users, type TaskState } from '@/db/schema';
import type { OwnerFilter, TimeRange } from '@/lib/list/url-params';
import { encodeTaskCursor, taskSortToken, type TaskCursor, type TaskListParams, type TaskSortKey } from './list-params';
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

function rangeConditions(column: SQL, range: TimeRange): SQL[] {
  const out: SQL[] = [];
  if (range.from) out.push(sql`${column} >= ${range.from.at.toISOString()}::timestamptz`);
  if (range.to) out.push(sql`${column} < ${range.to.at.toISOString()}::timestamptz`);
  return out;
}

function ownerCondition(owner: OwnerFilter): SQL {
  switch (owner.kind) {
    case 'unassigned':
      return and(isNull(tasks.ownerUserId), isNull(tasks.ownerTeamId))!;
    case 'user':
      return eq(tasks.ownerUserId, owner.id);
    case 'team':
      return eq(tasks.ownerTeamId, owner.id);
    case 'me':
      return owner.teamIds.length
        ? or(eq(tasks.ownerUserId, owner.userId), inArray(tasks.ownerTeamId, owner.teamIds))!
        : eq(tasks.ownerUserId, owner.userId);
  }
}

function stateConditions(states: TaskState[]): SQL[] {
  if (states.length === TASK_STATES.length) return [];
  if (states.length === 1 && states[0] === 'open') return [taskIsOpen];
  return [inArray(tasks.state, states)];
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters as one SQL condition (without the cursor). Values travel as bound parameters. */
export function taskFilterWhere(params: TaskListParams): SQL | undefined {
  const conditions: SQL[] = [...stateConditions(params.states)];
  if (params.owner) conditions.push(ownerCondition(params.owner));
  conditions.push(...rangeConditions(taskDueExpression, params.due));
  if (params.due.from && !params.due.to) conditions.push(sql`${tasks.dueAt} is not null`);
  // Overdue implies open, whatever states were asked for.
  if (params.overdue) conditions.push(overdueCondition());
  if (params.scheduleId) conditions.push(eq(tasks.scheduleId, params.scheduleId));
  if (params.tags.length) conditions.push(sql`${tasks.tags} @> ${sql.param(params.tags)}::text[]`);
  if (params.q) conditions.push(sql`${tasks.title} ilike ${likePattern(params.q)}`);
  return conditions.length ? and(...conditions) : undefined;
}

function cursorCondition(params: TaskListParams, cursor: TaskCursor): SQL {
  const { key, direction } = params.sort;
  const forward = direction === 'asc' ? !cursor.before : cursor.before;
  const row = sql`(${SORT_COLUMNS[key]}, ${tasks.id})`;
  const at = sql`(${cursor.value}::timestamptz, ${cursor.id}::uuid)`;
  return forward ? sql`${row} > ${at}` : sql`${row} < ${at}`;
}

export function taskOrderBy(params: TaskListParams, reverse = false): SQL[] {
  const desc = (params.sort.direction === 'desc') !== reverse;
  const dir = desc ? sql`desc` : sql`asc`;
  return [sql`${SORT_COLUMNS[params.sort.key]} ${dir}`, sql`${tasks.id} ${dir}`];
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

export type TaskPage = { rows: TaskListRow[]; nextCursor: string | null; prevCursor: string | null };

/** One page by keyset on (sort column, id); one row more than asked tells whether another page follows. */
export async function getTaskPage(db: DbOrTx, params: TaskListParams, options: { limit?: number } = {}): Promise<TaskPage> {
  const limit = options.limit ?? TASK_PAGE_SIZE;
  const backward = params.cursor?.before ?? false;
  const fetched = await db
    .select({ ...taskListColumns(), sortValue: sql<string>`(${SORT_COLUMNS[params.sort.key]})::text` })
    .from(tasks)
    .leftJoin(taskOwnerUser, eq(taskOwnerUser.id, tasks.ownerUserId))
    .leftJoin(taskOwnerTeam, eq(taskOwnerTeam.id, tasks.ownerTeamId))
    .where(and(taskFilterWhere(params), params.cursor ? cursorCondition(params, params.cursor) : undefined))
    .orderBy(...taskOrderBy(params, backward))
    .limit(limit + 1);

  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (backward) page.reverse();
  const token = taskSortToken(params.sort);
  const cursorAt = (row: (typeof page)[number] | undefined, before: boolean): string | null =>
    row ? encodeTaskCursor({ sort: token, value: row.sortValue, id: row.id, before }) : null;
  const hasNext = backward ? true : more;
  const hasPrev = backward ? more : !!params.cursor;
  return {
    rows: page.map(({ sortValue, ...row }) => (void sortValue, row)),
    nextCursor: hasNext ? cursorAt(page.at(-1), false) : null,
    prevCursor: hasPrev ? cursorAt(page[0], true) : null,
  };
}

/** How many match, counting at most TASK_COUNT_CAP + 1 rows ("10,000+"). */
export async function countTasks(db: DbOrTx, params: TaskListParams): Promise<{ count: number; capped: boolean }> {
  const inner = db.select({ one: sql`1` }).from(tasks).where(taskFilterWhere(params)).limit(TASK_COUNT_CAP + 1).as('matching');
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(inner);
  const count = row?.count ?? 0;
  return count > TASK_COUNT_CAP ? { count: TASK_COUNT_CAP, capped: true } : { count, capped: false };
}
