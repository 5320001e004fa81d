import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { schedulesCsv } from '@/lib/schedules/export-csv';
import { parseScheduleListParams } from '@/lib/schedules/list-params';
import { scheduleCsvHeaders } from '@/lib/schedules/csv-headers';

/** Every schedule the filter matches (all pages), every field, the recurrence in words. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.export');
  const params = parseScheduleListParams(new URL(request.url).searchParams);
  const csv = await schedulesCsv(getDb(), params, actor.timeZone ?? 'UTC');
  return new Response(csv, { headers: scheduleCsvHeaders(new Date(), actor.timeZone ?? 'UTC') });
});
