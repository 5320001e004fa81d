import { csvDownloadHeaders } from '@/lib/csv/download';
import { eventSearchRoute } from '@/lib/events/api/search-route';
import { eventExportFileName, streamEventsCsv } from '@/lib/events/export-csv';
import { exportBusyProblem } from '@/lib/exports/export-busy';
import { startExport } from '@/lib/exports/start-export';
import { getEventStore } from '@/lib/events/store';
import { otherMethods } from '@/lib/api/method-not-allowed';

// Every event GET /api/v1/events would page through for the same q and range, as one CSV.
export const GET = eventSearchRoute(async (params, actor, request) => {
  const timeZone = actor.timeZone ?? 'UTC';
  const stream = startExport(actor.userId, 'events (API)', (exportDb) =>
    streamEventsCsv(getEventStore(exportDb), params, timeZone),
  );
  if (stream === 'busy') return exportBusyProblem(request, actor.requestId);
  return new Response(stream, {
    headers: csvDownloadHeaders(eventExportFileName(new Date(), timeZone)),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
