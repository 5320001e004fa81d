import { getDb, type Db } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { ValidationError } from '@/lib/errors';
import { exportBusyText } from '@/lib/exports/export-busy';
import { startExport } from '@/lib/exports/start-export';
import { getListViewer, type ListViewer } from '../list-viewer';

/** What a list's export route needs: its URL parser, its CSV stream and its file name. */
export type ListExport<Params> = {
  parse: (searchParams: URLSearchParams, viewer: ListViewer) => Params;
  stream: (db: Db, params: Params, timeZone: string) => ReadableStream<Uint8Array>;
  fileName: (now: Date, timeZone: string) => string;
};

/**
 * GET …/export.csv of a list: the same query string as the page, so the file holds exactly
 * the rows the list shows (every page of them, not just the one on screen). A bad filter
 * is a 400 naming the parameter; an export beyond the person's limit a 429 (lib/exports/).
 */
export function listExportRoute<Params>(list: ListExport<Params>) {
  return async function GET(request: Request): Promise<Response> {
    const { user } = await requirePermission('tickets.export');
    const db = getDb();
    const viewer = await getListViewer(db, user);
    const url = new URL(request.url);
    url.searchParams.delete('cursor'); // the export is the whole filter, not one page
    let params: Params;
    try {
      params = list.parse(url.searchParams, viewer);
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
    const stream = startExport(user.id, new URL(request.url).pathname, (exportDb) =>
      list.stream(exportDb, params, user.timeZone),
    );
    if (stream === 'busy') return exportBusyText();
    return new Response(stream, {
      headers: csvDownloadHeaders(list.fileName(new Date(), user.timeZone)),
    });
  };
}
