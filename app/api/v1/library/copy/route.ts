import { getDb } from '@/db/client';
import type { LibraryCopyJson } from '@/lib/api/library-json';
import { ownersOf } from '@/lib/api/owner-lookup';
import { readJsonBody } from '@/lib/api/read-json';
import { toScheduleJson } from '@/lib/api/schedule-json';
import { copyTemplatesBody } from '@/lib/api/schedule-requests';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { copyTemplates, NEXT_STEPS, type CopyTemplatesInput } from '@/lib/library/copy-templates';
import { parseInput } from '@/lib/validation';

/** Copies templates into task schedules: { keys, timeZone, active, owner, watchers } → 201 with the copies. */
export const POST = withApiAuth(async (request, actor) => {
  assertCan(actor, 'library.manage');
  const body = await readJsonBody(request);
  parseInput(copyTemplatesBody, body);
  const db = getDb();
  const copies = await copyTemplates(db, actor, body as CopyTemplatesInput);
  const owner = await ownersOf(db, copies);
  const json: LibraryCopyJson = {
    data: copies.map((s) => toScheduleJson(s, owner(s))),
    nextSteps: NEXT_STEPS,
  };
  return Response.json(json, { status: 201 });
});
