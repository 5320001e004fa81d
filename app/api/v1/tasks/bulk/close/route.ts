import { getDb } from '@/db/client';
import { bulkCloseTasksBody } from '@/lib/api/close-requests';
import { readJsonBody } from '@/lib/api/read-json';
import { resolveTaskBulkCloseTargets } from '@/lib/api/task-bulk-close-targets';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { closeTasks } from '@/lib/tasks/close-tasks';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** Administrators close many tasks with one findings text: `{ numbers | filter, findings }`. */
export const POST = withApiAuth(
  async (request, actor) => {
    // Before reading anything: others learn nothing about which numbers exist.
    assertCan(actor, 'tasks.bulk-close');
    const body = parseInput(bulkCloseTasksBody, await readJsonBody(request));
    const db = getDb();
    const { ids, missing } = await resolveTaskBulkCloseTargets(db, actor, body);
    const result = ids.length
      ? await closeTasks(db, actor, { taskIds: ids, findings: body.findings })
      : { closed: 0, alreadyClosed: 0, missing: 0 };
    return Response.json({ ...result, missing: result.missing + missing });
  },
  // Only administrators may bulk close: the token needs the admin scope too.
  { scope: 'admin' },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
