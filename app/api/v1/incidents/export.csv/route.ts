import { getDb } from '@/db/client';
import { listViewerOf, parseListQuery } from '@/lib/api/list-query';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { exportFileName, streamIncidentsCsv } from '@/lib/incidents/export-csv';
import { otherMethods } from '@/lib/api/method-not-allowed';

/**
 * Exactly what GET /api/v1/incidents would list for the same parameters, every page of
 * it, streamed from a database cursor so memory stays flat at any size.
 */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.export');
  const db = getDb();
  const viewer = await listViewerOf(db, actor);
  // Parsed (and refused) before the first byte: a bad filter is a 400, not a broken download.
  const params = parseListQuery(new URL(request.url).searchParams, viewer);
  const timeZone = viewer.timeZone ?? 'UTC';
  return new Response(streamIncidentsCsv(db, params, timeZone), {
    headers: csvDownloadHeaders(exportFileName(new Date(), timeZone)),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
