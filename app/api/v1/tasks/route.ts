import { getDb } from '@/db/client';
import { readJsonBody } from '@/lib/api/read-json';
import { taskListRowJson, toTaskJson, type TaskPageJson } from '@/lib/api/task-json';
import { createTaskBody, parseTaskListQuery, taskListViewerOf } from '@/lib/api/task-requests';
import { parseLimit } from '@/lib/api/list-query';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { createTask } from '@/lib/tasks/create-task';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { countTasks, getTaskPage } from '@/lib/tasks/get-tasks';
import { taskNumberLabel, type CreateTaskInput } from '@/lib/tasks/schemas';
import { parseInput } from '@/lib/validation';

/** The list, filtered as on the Tasks page; keyset pages of up to 200, with a count capped at 10,000. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.view');
  const db = getDb();
  const { searchParams } = new URL(request.url);
  const limit = parseLimit(searchParams);
  const params = parseTaskListQuery(searchParams, await taskListViewerOf(db, actor), ['limit']);
  const [page, total] = await Promise.all([getTaskPage(db, params, { limit }), countTasks(db, params)]);
  const json: TaskPageJson = { data: page.rows.map(taskListRowJson), nextCursor: page.nextCursor, count: total.count, countCapped: total.capped };
  return Response.json(json, { headers: { 'Cache-Control': 'no-store' } });
});

/** Opens a task: 201 and its Location. */
export const POST = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.work');
  const body = await readJsonBody(request);
  parseInput(createTaskBody, body);
  const db = getDb();
  const { task } = await createTask(db, actor, body as CreateTaskInput);
  const detail = await getTaskDetail(db, { id: task.id });
  return Response.json(toTaskJson(detail!), { status: 201, headers: { Location: `/api/v1/tasks/${taskNumberLabel(task.number)}` } });
});
