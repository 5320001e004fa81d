import { getDb } from '@/db/client';
import { ifMatchFor, ticketVersion, withVersionEtag } from '@/lib/api/etag';
import { readJsonBody } from '@/lib/api/read-json';
import { toTaskJson } from '@/lib/api/task-json';
import { closeTaskBody, resolveTaskId, type TaskRouteContext } from '@/lib/api/task-requests';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { closeTask } from '@/lib/tasks/change-state';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { parseInput } from '@/lib/validation';

/**
 * Closes a task with its findings (what was reviewed and what was found). Without "from",
 * it closes from the state at the version sent (in the body or as If-Match): the version guards it.
 */
export const POST = withApiAuth<TaskRouteContext>(async (request, actor, context) => {
  assertCan(actor, 'tickets.work');
  const db = getDb();
  const { id } = await resolveTaskId(db, context);
  const ifMatch = ifMatchFor(request, () => ticketVersion(db, taskKind, id));
  const body = parseInput(closeTaskBody, await ifMatch.body(await readJsonBody(request)));
  const write = db.transaction(async (tx) => {
    const current = await loadTicketForUpdate(tx, taskKind, actor, id, body.version);
    // As before "from" existed: closing a task already closed at that version is a no-op.
    if (!body.from && current.state === 'closed') return;
    await closeTask(tx, actor, id, { ...body, from: body.from ?? current.state });
  });
  await ifMatch.guard(write);
  const json = toTaskJson((await getTaskDetail(db, { id }))!);
  return withVersionEtag(Response.json(json), json.version);
});
