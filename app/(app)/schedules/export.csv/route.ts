import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { scheduleCsvHeaders } from '@/lib/schedules/csv-headers';
import { schedulesCsv } from '@/lib/schedules/export-csv';
import { parseScheduleListParams } from '@/lib/schedules/list-params';

// The list's export link: the same query string as the page, every page of it.
export async function GET(request: Request): Promise<Response> {
  const { user } = await requirePermission('tickets.export');
  const params = parseScheduleListParams(new URL(request.url).searchParams);
  return new Response(await schedulesCsv(getDb(), params, user.timeZone), {
    headers: scheduleCsvHeaders(new Date(), user.timeZone),
  });
}
