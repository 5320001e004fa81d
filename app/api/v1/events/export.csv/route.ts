import { getDb } from '@/db/client';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { eventSearchRoute } from '@/lib/events/api/search-route';
import { eventExportFileName, streamEventsCsv } from '@/lib/events/export-csv';
import { getEventStore } from '@/lib/events/store';
import { otherMethods } from '@/lib/api/method-not-allowed';

// Every event GET /api/v1/events would page through for the same q and range, as one CSV.
export const GET = eventSearchRoute(async (params, actor) => {
  const timeZone = actor.timeZone ?? 'UTC';
  return new Response(streamEventsCsv(getEventStore(getDb()), params, timeZone), {
    headers: csvDownloadHeaders(eventExportFileName(new Date(), timeZone)),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
