import { getDb } from '@/db/client';
import { routeSession } from '@/lib/auth/route-session';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { generateComplianceCsv } from './generate-report';
import { reportRouteError } from './report-route-error';

/** The report page's "Download CSV" of one table, with the page's own query string. */
export function complianceCsvRoute(table: string) {
  return async function GET(request: Request): Promise<Response> {
    const session = await routeSession('tickets.export');
    if ('response' in session) return session.response;
    try {
      const { text, fileName } = await generateComplianceCsv(
        getDb(),
        session.actor,
        new URL(request.url).searchParams,
        { table, timeZone: session.user.timeZone, channel: 'download' },
      );
      return new Response(text, { headers: csvDownloadHeaders(fileName) });
    } catch (error) {
      return reportRouteError(error, request);
    }
  };
}
