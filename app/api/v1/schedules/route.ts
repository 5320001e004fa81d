import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { scheduleJson } from '@/lib/schedules/get-schedule-detail';
import { getSchedules } from '@/lib/schedules/get-schedules';
import { parseScheduleListParams } from '@/lib/schedules/list-params';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { readJsonBody } from '@/lib/api/read-json';
import type { CreateScheduleInput } from '@/lib/schedules/schemas';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** The list, filtered as on the page (status, owner, tag, group, name), in keyset pages by name. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.view');
  const db = getDb();
  const params = parseScheduleListParams(
    new URL(request.url).searchParams,
    await getListViewer(db, { id: actor.userId, timeZone: actor.timeZone }),
  );
  const page = await getSchedules(db, params);
  return Response.json(
    {
      data: page.rows.map((row) => scheduleJson(row, { ownerName: row.ownerName })),
      nextCursor: page.nextCursor,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});

/** Creates a schedule: 201 and its Location; field problems are a 400 listing each field. */
export const POST = withApiAuth(async (request, actor) => {
  const body = (await readJsonBody(request)) as CreateScheduleInput;
  const schedule = await createSchedule(getDb(), actor, body);
  return Response.json(scheduleJson(schedule), {
    status: 201,
    headers: { Location: `/api/v1/schedules/${schedule.id}` },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
