import { requirePermission } from '@/lib/auth/session';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { ValidationError } from '@/lib/errors';
import { eventExportFileName, streamEventsCsv } from '@/lib/events/export-csv';
import { EventQuerySyntaxError } from '@/lib/events/query/parse';
import { parseEventSearchParams } from '@/lib/events/search-params';
import { getEventStore } from '@/lib/events/store';
import { exportBusyText } from '@/lib/exports/export-busy';
import { startExport } from '@/lib/exports/start-export';

// The Events page's "Export CSV": the same query string as the page, so the file holds every
// event the search matches (all pages of it, not only the one on screen).
export async function GET(request: Request): Promise<Response> {
  const { user } = await requirePermission('events.view');
  const url = new URL(request.url);
  url.searchParams.delete('cursor');
  try {
    const params = parseEventSearchParams(url.searchParams, { timeZone: user.timeZone });
    const stream = startExport(user.id, 'events', (exportDb) =>
      streamEventsCsv(getEventStore(exportDb), params, user.timeZone),
    );
    if (stream === 'busy') return exportBusyText();
    return new Response(stream, {
      headers: csvDownloadHeaders(eventExportFileName(new Date(), user.timeZone)),
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const detail =
      error instanceof EventQuerySyntaxError
        ? `q: ${error.message}`
        : Object.entries(error.fieldErrors)
            .map(([field, message]) => `${field}: ${message}`)
            .join('\n');
    return new Response(`This search cannot be exported.\n${detail}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
}
