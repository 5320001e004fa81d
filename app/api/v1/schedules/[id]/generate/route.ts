import { getDb } from '@/db/client';
import { scheduleIdOf, type ScheduleRouteContext } from '@/lib/api/schedule-detail';
import { toGeneratedTaskResultJson } from '@/lib/api/schedule-json';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { generateNow } from '@/lib/schedules/generate';

/** "Generate now": the current period's task, created unless it exists (201 when created, 200 when it existed). */
export const POST = withApiAuth<ScheduleRouteContext>(async (_request, actor, context) => {
  const result = await generateNow(getDb(), actor, await scheduleIdOf(context));
  return Response.json(toGeneratedTaskResultJson(result), { status: result.created ? 201 : 200 });
});
