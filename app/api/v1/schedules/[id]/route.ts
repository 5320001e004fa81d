import { getDb } from '@/db/client';
import { ifMatchFor, withVersionEtag } from '@/lib/api/etag';
import { readJsonBody } from '@/lib/api/read-json';
import {
  scheduleDetailJsonOf,
  scheduleIdOf,
  scheduleVersion,
  type ScheduleRouteContext,
} from '@/lib/api/schedule-detail';
import { patchScheduleBody } from '@/lib/api/schedule-requests';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import type { UpdateScheduleInput } from '@/lib/schedules/schemas';
import { updateSchedule } from '@/lib/schedules/update-schedule';
import { parseInput } from '@/lib/validation';

/** A schedule with its watchers, policies, next five occurrences, generated tasks and record. */
export const GET = withApiAuth<ScheduleRouteContext>(async (_request, actor, context) => {
  assertCan(actor, 'tickets.view');
  const json = await scheduleDetailJsonOf(getDb(), await scheduleIdOf(context));
  return withVersionEtag(
    Response.json(json, { headers: { 'Cache-Control': 'no-store' } }),
    json.version,
  );
});

/**
 * Changes fields against `version` or If-Match (409, or 412 for If-Match, when stale);
 * `active: false` pauses it. Tasks already generated never change.
 */
export const PATCH = withApiAuth<ScheduleRouteContext>(async (request, actor, context) => {
  assertCan(actor, 'schedules.manage');
  const db = getDb();
  const id = await scheduleIdOf(context);
  const ifMatch = ifMatchFor(request, () => scheduleVersion(db, id));
  const body = await ifMatch.body(await readJsonBody(request));
  parseInput(patchScheduleBody, body);
  await ifMatch.guard(updateSchedule(db, actor, id, body as UpdateScheduleInput));
  const json = await scheduleDetailJsonOf(db, id);
  return withVersionEtag(Response.json(json), json.version);
});
