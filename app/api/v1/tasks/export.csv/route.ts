import { getDb } from '@/db/client';
import { parseTaskListQuery, taskListViewerOf } from '@/lib/api/task-requests';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { exportBusyProblem } from '@/lib/exports/export-busy';
import { startExport } from '@/lib/exports/start-export';
import { streamTasksCsv, taskExportFileName } from '@/lib/tasks/export-csv';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** Exactly what GET /api/v1/tasks would list for the same parameters, every page of it, streamed. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.export');
  const db = getDb();
  const viewer = await taskListViewerOf(db, actor);
  const { searchParams } = new URL(request.url);
  searchParams.delete('cursor'); // the export is the whole filter, not one page
  const params = parseTaskListQuery(searchParams, viewer);
  const timeZone = viewer.timeZone ?? 'UTC';
  const stream = startExport(actor.userId, 'tasks (API)', (exportDb) =>
    streamTasksCsv(exportDb, params, timeZone),
  );
  if (stream === 'busy') return exportBusyProblem(request, actor.requestId);
  return new Response(stream, {
    headers: csvDownloadHeaders(taskExportFileName(new Date(), timeZone)),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
