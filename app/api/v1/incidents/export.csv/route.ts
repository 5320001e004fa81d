import { getDb } from '@/db/client';
import { listViewerOf, parseListQuery } from '@/lib/api/list-query';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { exportBusyProblem } from '@/lib/exports/export-busy';
import { startExport } from '@/lib/exports/start-export';
import { exportFileName, streamIncidentsCsv } from '@/lib/incidents/export-csv';
import { otherMethods } from '@/lib/api/method-not-allowed';

/**
 * Exactly what GET /api/v1/incidents would list for the same parameters, every page of
 * it, streamed from a database cursor so memory stays flat at any size, on the export pool
 * and within the person's limit of exports at once (lib/exports/).
 */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.export');
  const db = getDb();
  const viewer = await listViewerOf(db, actor);
  // Parsed (and refused) before the first byte: a bad filter is a 400, not a broken download.
  const params = parseListQuery(new URL(request.url).searchParams, viewer);
  const timeZone = viewer.timeZone ?? 'UTC';
  const stream = startExport(actor.userId, 'incidents (API)', (exportDb) =>
    streamIncidentsCsv(exportDb, params, timeZone),
  );
  if (stream === 'busy') return exportBusyProblem(request, actor.requestId);
  return new Response(stream, {
    headers: csvDownloadHeaders(exportFileName(new Date(), timeZone)),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
