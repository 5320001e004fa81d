import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { copyTemplates, NEXT_STEPS, type CopyTemplatesInput } from '@/lib/library/copy-templates';
import { scheduleJson } from '@/lib/schedules/get-schedule-detail';
import { readJsonBody } from '@/lib/api/read-json';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** Copies templates into task schedules: { keys, timeZone, active, owner, watchers } → 201 with the copies. */
export const POST = withApiAuth(async (request, actor) => {
  const body = (await readJsonBody(request)) as CopyTemplatesInput;
  const copies = await copyTemplates(getDb(), actor, body);
  return Response.json(
    { data: copies.map((s) => scheduleJson(s)), nextSteps: NEXT_STEPS },
    { status: 201 },
  );
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
