import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { getScheduleDetail, scheduleJson } from '@/lib/schedules/get-schedule-detail';
import { readJsonBody } from '@/lib/api/read-json';
import type { UpdateScheduleInput } from '@/lib/schedules/schemas';
import { updateSchedule } from '@/lib/schedules/update-schedule';
import { otherMethods } from '@/lib/api/method-not-allowed';

type Context = { params: Promise<{ id: string }> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function detailJson(id: string) {
  const detail = UUID.test(id) ? await getScheduleDetail(getDb(), id) : undefined;
  if (!detail) throw new NotFoundError('That task schedule does not exist.');
  return scheduleJson(detail.schedule, {
    ownerName: detail.ownerName,
    ownerFallback: detail.ownerFallback,
    generationError: detail.generationError,
    watchers: detail.watchers.map((w) => ({
      userId: w.userId,
      name: w.name,
      frequency: w.frequency,
    })),
    policies: detail.policies,
    nextOccurrences: detail.nextOccurrences.map((d) => d.toISOString()),
    record: detail.record,
    tasks: detail.tasks.map((t) => ({
      ...t,
      occurrenceAt: t.occurrenceAt?.toISOString() ?? null,
      dueAt: t.dueAt?.toISOString() ?? null,
      closedAt: t.closedAt?.toISOString() ?? null,
    })),
  });
}

/** A schedule with its watchers, policies, next five occurrences, generated tasks and record. */
export const GET = withApiAuth<Context>(async (_request, actor, { params }) => {
  assertCan(actor, 'tickets.view');
  return Response.json(await detailJson((await params).id), {
    headers: { 'Cache-Control': 'no-store' },
  });
});

/** Changes fields against `version` (409 when stale); `active: false` pauses it. Tasks already generated never change. */
export const PATCH = withApiAuth<Context>(async (request, actor, { params }) => {
  const { id } = await params;
  if (!UUID.test(id)) throw new NotFoundError('That task schedule does not exist.');
  const body = (await readJsonBody(request)) as UpdateScheduleInput;
  await updateSchedule(getDb(), actor, id, body);
  return Response.json(await detailJson(id));
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods('GET', 'PATCH');
