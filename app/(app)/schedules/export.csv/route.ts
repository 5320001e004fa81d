import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { scheduleCsvHeaders } from '@/lib/schedules/csv-headers';
import { schedulesCsv } from '@/lib/schedules/export-csv';
import { parseScheduleListParams } from '@/lib/schedules/list-params';
import { getListViewer } from '@/lib/tickets/list-viewer';

// The list's export link: the same query string as the page, every page of it. An unknown
// policy or framework is a 400 naming the parameter.
export async function GET(request: Request): Promise<Response> {
  const { user } = await requirePermission('tickets.export');
  const db = getDb();
  let params;
  try {
    params = parseScheduleListParams(
      new URL(request.url).searchParams,
      await getListViewer(db, user),
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const detail = Object.entries(error.fieldErrors)
      .map(([field, message]) => `${field}: ${message}`)
      .join('\n');
    return new Response(`${error.message}\n${detail}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  return new Response(await schedulesCsv(db, params, user.timeZone), {
    headers: scheduleCsvHeaders(new Date(), user.timeZone),
  });
}
