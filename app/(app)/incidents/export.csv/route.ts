import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { csvDownloadHeaders, exportFileName, streamIncidentsCsv } from '@/lib/incidents/export-csv';
import { parseIncidentListParams } from '@/lib/incidents/list-params';
import { getIncidentListViewer } from '@/lib/incidents/list-viewer';

// The list's cloud icon: the same query string as the page, so the file holds exactly
// the incidents the list shows (every page of them, not just the one on screen).
export async function GET(request: Request): Promise<Response> {
  const { user } = await requirePermission('tickets.export');
  const db = getDb();
  const viewer = await getIncidentListViewer(db, user);
  const url = new URL(request.url);
  url.searchParams.delete('cursor'); // the export is the whole filter, not one page
  let params;
  try {
    params = parseIncidentListParams(url.searchParams, viewer);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const detail = Object.entries(error.fieldErrors).map(([field, message]) => `${field}: ${message}`).join('\n');
    return new Response(`${error.message}\n${detail}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  return new Response(streamIncidentsCsv(db, params, user.timeZone), {
    headers: csvDownloadHeaders(exportFileName(new Date(), user.timeZone)),
  });
}
