import { getDb } from '@/db/client';
import { routeSession } from '@/lib/auth/route-session';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { isDomainError, ValidationError } from '@/lib/errors';
import { generateComplianceCsv } from './generate-report';

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
      if (error instanceof ValidationError)
        return Response.json(
          { error: error.message, fields: error.fieldErrors },
          { status: 400, headers: { 'Cache-Control': 'no-store' } },
        );
      if (isDomainError(error))
        return Response.json({ error: error.message }, { status: error.status });
      throw error;
    }
  };
}
