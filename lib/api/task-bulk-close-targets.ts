import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { tasks } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { TASK_BULK_CLOSE_LIMIT } from '@/lib/tasks/close-tasks';
import { taskFilterWhere } from '@/lib/tasks/get-tasks';
import type { TaskListParams } from '@/lib/tasks/list-params';
import { parseTaskNumber } from '@/lib/tasks/schemas';
import type { BulkCloseTasksBody } from './close-requests';
import { parseTaskListQuery, taskListViewerOf } from './task-requests';

/**
 * The task ids a bulk close may touch, resolved before anything is closed (as
 * lib/api/bulk-close-targets.ts does for incidents): the given numbers, unknown ones counted
 * as missing, or exactly the tasks the list filter matches now.
 */
export async function resolveTaskBulkCloseTargets(
  db: DbOrTx,
  actor: UserActor,
  body: BulkCloseTasksBody,
): Promise<{ ids: string[]; missing: number }> {
  if (body.numbers) {
    const numbers = [
      ...new Set(body.numbers.map((n) => (typeof n === 'number' ? n : parseTaskNumber(n)!))),
    ];
    const rows = await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(inArray(tasks.number, numbers));
    return { ids: rows.map((r) => r.id), missing: numbers.length - rows.length };
  }
  const params = await parseFilter(db, actor, body.filter ?? '');
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(taskFilterWhere(params))
    .limit(TASK_BULK_CLOSE_LIMIT + 1);
  if (rows.length > TASK_BULK_CLOSE_LIMIT) {
    throw new ValidationError({
      filter: `Matches more than ${TASK_BULK_CLOSE_LIMIT.toLocaleString('en-US')} tasks; narrow it down.`,
    });
  }
  return { ids: rows.map((r) => r.id), missing: 0 };
}

/** The list's own parser, its errors named inside the body ("filter.state"). */
async function parseFilter(db: DbOrTx, actor: UserActor, filter: string): Promise<TaskListParams> {
  const searchParams = new URLSearchParams(filter.replace(/^\?/, ''));
  try {
    return parseTaskListQuery(searchParams, await taskListViewerOf(db, actor));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      Object.fromEntries(
        Object.entries(error.fieldErrors).map(([key, message]) => [`filter.${key}`, message]),
      ),
      error.message,
    );
  }
}
