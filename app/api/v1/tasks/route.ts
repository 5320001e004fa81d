import { getDb } from '@/db/client';
import { readJsonBody } from '@/lib/api/read-json';
import { taskListRowJson, toTaskJson } from '@/lib/api/task-json';
import { createTaskBody, parseTaskListQuery } from '@/lib/api/task-requests';
import { apiListRoute } from '@/lib/api/ticket-list-route';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { createTask } from '@/lib/tasks/create-task';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { countTasks, getTaskPage } from '@/lib/tasks/get-tasks';
import { taskNumberLabel, type CreateTaskInput } from '@/lib/tasks/schemas';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/api/method-not-allowed';

export const GET = apiListRoute({
  parse: parseTaskListQuery,
  page: getTaskPage,
  count: countTasks,
  rowJson: taskListRowJson,
});

/** Opens a task: 201 and its Location. */
export const POST = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.work');
  const body = await readJsonBody(request);
  parseInput(createTaskBody, body);
  const db = getDb();
  const { task } = await createTask(db, actor, body as CreateTaskInput);
  const detail = await getTaskDetail(db, { id: task.id });
  return Response.json(toTaskJson(detail!), {
    status: 201,
    headers: { Location: `/api/v1/tasks/${taskNumberLabel(task.number)}` },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
