import { inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { tasks } from '@/db/schema';
import { bulkCloseTasksBody } from '@/lib/api/close-requests';
import { readJsonBody } from '@/lib/api/read-json';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { closeTasks } from '@/lib/tasks/close-tasks';
import { parseTaskNumber } from '@/lib/tasks/schemas';
import { parseInput } from '@/lib/validation';

/** Administrators close many tasks with one findings text: `{ numbers, findings }`. */
export const POST = withApiAuth(async (request, actor) => {
  // Before reading anything: others learn nothing about which numbers exist.
  assertCan(actor, 'tasks.bulk-close');
  const body = parseInput(bulkCloseTasksBody, await readJsonBody(request));
  const numbers = [
    ...new Set(body.numbers.map((n) => (typeof n === 'number' ? n : parseTaskNumber(n)!))),
  ];
  const db = getDb();
  const found = await db.select({ id: tasks.id }).from(tasks).where(inArray(tasks.number, numbers));
  const missing = numbers.length - found.length;
  const result = found.length
    ? await closeTasks(db, actor, { taskIds: found.map((t) => t.id), findings: body.findings })
    : { closed: 0, alreadyClosed: 0, missing: 0 };
  return Response.json({ ...result, missing: result.missing + missing });
});
