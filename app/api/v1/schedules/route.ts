import { getDb } from '@/db/client';
import { parseLimit } from '@/lib/api/list-query';
import { ownerOf, ownersOf } from '@/lib/api/owner-lookup';
import { readJsonBody } from '@/lib/api/read-json';
import { toScheduleJson, type SchedulePageJson } from '@/lib/api/schedule-json';
import { createScheduleBody, parseScheduleListQuery } from '@/lib/api/schedule-requests';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { withVersionEtag } from '@/lib/api/etag';
import { assertCan } from '@/lib/auth/permissions';
import { countSchedules } from '@/lib/schedules/count-schedules';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { getSchedules } from '@/lib/schedules/get-schedules';
import type { CreateScheduleInput } from '@/lib/schedules/schemas';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { parseInput } from '@/lib/validation';

/** The list, filtered as on the page (status, owner, tag, group, name, policy), in keyset pages by name. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.view');
  const db = getDb();
  const { searchParams } = new URL(request.url);
  const limit = parseLimit(searchParams);
  const params = {
    ...parseScheduleListQuery(
      searchParams,
      await getListViewer(db, { id: actor.userId, timeZone: actor.timeZone }),
      ['limit'],
    ),
    limit,
  };
  const [page, total] = await Promise.all([getSchedules(db, params), countSchedules(db, params)]);
  const owner = await ownersOf(db, page.rows);
  const json: SchedulePageJson = {
    data: page.rows.map((row) => toScheduleJson(row, owner(row))),
    nextCursor: page.nextCursor,
    count: total.count,
    countCapped: total.capped,
  };
  return Response.json(json, { headers: { 'Cache-Control': 'no-store' } });
});

/** Creates a schedule: 201 and its Location; field problems are a 400 listing each field. */
export const POST = withApiAuth(async (request, actor) => {
  assertCan(actor, 'schedules.manage');
  const body = await readJsonBody(request);
  parseInput(createScheduleBody, body);
  const db = getDb();
  const schedule = await createSchedule(db, actor, body as CreateScheduleInput);
  const response = Response.json(toScheduleJson(schedule, await ownerOf(db, schedule)), {
    status: 201,
    headers: { Location: `/api/v1/schedules/${schedule.id}` },
  });
  return withVersionEtag(response, schedule.version);
});
