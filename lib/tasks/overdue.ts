import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { tasks, type Task } from '@/db/schema';

// Overdue: past its due date and still open. One definition for the list's badge and
// filter, the dashboard count and the owner's reminder (the notifications worker calls
// getOverdueTasks). Closed and invalid tasks are never overdue.

/** "No due date" sorts after every date; the tasks_*_due_idx indexes are built on it. */
export const taskDueExpression = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;

/** `state = 'open'`, spelled as the partial indexes' predicate so they apply. */
export const taskIsOpen = eq(tasks.state, 'open');

export function overdueCondition(now?: Date): SQL {
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  return and(taskIsOpen, sql`${taskDueExpression} < ${at}`)!;
}

export function isOverdue(task: Pick<Task, 'state' | 'dueAt'>, now = new Date()): boolean {
  return task.state === 'open' && !!task.dueAt && task.dueAt.getTime() < now.getTime();
}

/** Whose tasks: a person's own and their teams' (a team's task belongs to each member). */
/** What a reminder or the dashboard shows of a task: which one, when due, whose. */
export const taskSummaryColumns = {
  id: tasks.id,
  number: tasks.number,
  title: tasks.title,
  dueAt: tasks.dueAt,
  ownerUserId: tasks.ownerUserId,
  ownerTeamId: tasks.ownerTeamId,
};

export type TaskOwnerViewer = { userId: string; teamIds: string[] };

function ownedBy(viewer: TaskOwnerViewer): SQL {
  return viewer.teamIds.length
    ? or(eq(tasks.ownerUserId, viewer.userId), inArray(tasks.ownerTeamId, viewer.teamIds))!
    : eq(tasks.ownerUserId, viewer.userId);
}

/** Overdue tasks in the organization, or only the viewer's (own and teams') when given. */
export async function countOverdueTasks(
  db: DbOrTx,
  viewer?: TaskOwnerViewer,
  now?: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(overdueCondition(now), viewer ? ownedBy(viewer) : undefined));
  return row?.n ?? 0;
}

export type OverdueTask = Pick<
  Task,
  'id' | 'number' | 'title' | 'dueAt' | 'ownerUserId' | 'ownerTeamId' | 'scheduleId'
>;

/**
 * Every overdue task, most overdue first, for the owner's reminder. The reminder job
 * decides how often to remind (e.g. once a day per task); this only says which are late.
 */
export async function getOverdueTasks(
  db: DbOrTx,
  options: { now?: Date; limit?: number } = {},
): Promise<OverdueTask[]> {
  return db
    .select({ ...taskSummaryColumns, scheduleId: tasks.scheduleId })
    .from(tasks)
    .where(overdueCondition(options.now))
    .orderBy(taskDueExpression, tasks.id)
    .limit(options.limit ?? 10_000);
}
