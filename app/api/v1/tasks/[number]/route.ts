import { getDb } from '@/db/client';
import { ifMatchFor, ticketVersion, withVersionEtag } from '@/lib/api/etag';
import { readJsonBody } from '@/lib/api/read-json';
import { toTaskJson } from '@/lib/api/task-json';
import {
  patchTaskBody,
  resolveTaskId,
  type PatchTaskBody,
  type TaskRouteContext,
} from '@/lib/api/task-requests';
import { apiShowRoute, loadDetailOr404 } from '@/lib/api/ticket-detail';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { assertCan } from '@/lib/auth/permissions';
import { changeTaskState } from '@/lib/tasks/change-state';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { updateTask } from '@/lib/tasks/update-task';
import { transitionTo } from '@/lib/tasks/schemas';
import { parseInput } from '@/lib/validation';

// No DELETE: tasks are never deleted (and PostgreSQL refuses it). Next.js answers 405.

export const GET = apiShowRoute(taskKind, getTaskDetail, (detail) => toTaskJson(detail));

/**
 * Fields and a state change in one request, applied together or not at all: the fields
 * first (checking the version, from the body or If-Match), then the move, against the version the first step left.
 * Without "from", the move starts from the state at the version sent: the version
 * guards it. The older `state` field names the end state; sending the current one is a
 * no-op, so a client that echoes the task back does not trip over it.
 */
export const PATCH = withApiAuth<TaskRouteContext>(async (request, actor, context) => {
  assertCan(actor, 'tickets.work');
  const db = getDb();
  const { id } = await resolveTaskId(db, context);
  const ifMatch = ifMatchFor(request, () => ticketVersion(db, taskKind, id));
  const body = await ifMatch.body(await readJsonBody(request));
  parseInput(patchTaskBody, body);
  const { transition, from, state, findings, reason, note, ...fields } = body as PatchTaskBody;
  const write = db.transaction(async (tx) => {
    const updated = await updateTask(tx, actor, id, fields);
    const chosen =
      transition ??
      (state !== undefined && state !== updated.state ? transitionTo(state) : undefined);
    if (chosen === undefined) return;
    await changeTaskState(tx, actor, id, {
      version: updated.version,
      from: from ?? updated.state,
      transition: chosen,
      findings,
      reason: reason ?? note,
    });
  });
  await ifMatch.guard(write);
  const json = toTaskJson(await loadDetailOr404(taskKind, id, getTaskDetail));
  return withVersionEtag(Response.json(json), json.version);
});
