import { getDb } from '@/db/client';
import { parseScheduleListQuery } from '@/lib/api/schedule-requests';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { schedulesCsv } from '@/lib/schedules/export-csv';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { scheduleCsvHeaders } from '@/lib/schedules/csv-headers';

/** Every schedule the filter matches (all pages), every field, the recurrence in words. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.export');
  const db = getDb();
  // Parsed (and refused) before the first byte, as the incident export: a bad filter is a 400.
  const params = parseScheduleListQuery(
    new URL(request.url).searchParams,
    await getListViewer(db, { id: actor.userId, timeZone: actor.timeZone }),
  );
  const csv = await schedulesCsv(db, params, actor.timeZone ?? 'UTC');
  return new Response(csv, { headers: scheduleCsvHeaders(new Date(), actor.timeZone ?? 'UTC') });
});
