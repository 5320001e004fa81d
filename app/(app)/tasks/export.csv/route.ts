import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { csvDownloadHeaders } from '@/lib/incidents/export-csv';
import { getIncidentListViewer } from '@/lib/incidents/list-viewer';
import { streamTasksCsv, taskExportFileName } from '@/lib/tasks/export-csv';
import { parseTaskListParams } from '@/lib/tasks/list-params';

// The list's download link: the same query string as the page, so the file holds exactly
// the tasks the list shows (every page of them).
export async function GET(request: Request): Promise<Response> {
  const { user } = await requirePermission('tickets.export');
  const db = getDb();
  const viewer = await getIncidentListViewer(db, user);
  const url = new URL(request.url);
  url.searchParams.delete('cursor');
  let params;
  try {
    params = parseTaskListParams(url.searchParams, viewer);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const detail = Object.entries(error.fieldErrors).map(([field, message]) => `${field}: ${message}`).join('\n');
    return new Response(`${error.message}\n${detail}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(streamTasksCsv(db, params, user.timeZone), { headers: csvDownloadHeaders(taskExportFileName(new Date(), user.timeZone)) });
}
