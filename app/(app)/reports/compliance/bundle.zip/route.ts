import { getDb } from '@/db/client';
import { routeSession } from '@/lib/auth/route-session';
import { generateEvidenceBundle } from '@/lib/reports/bundle/generate-evidence-bundle';
import { reportRouteError } from '@/lib/reports/report-route-error';

// The report page's "Download evidence bundle": the page's own query string, the zip streamed
// as it is written (no length known ahead), logged when the stream ends.
export async function GET(request: Request): Promise<Response> {
  const session = await routeSession('tickets.export');
  if ('response' in session) return session.response;
  try {
    const bundle = await generateEvidenceBundle(
      getDb(),
      session.actor,
      new URL(request.url).searchParams,
      { timeZone: session.user.timeZone },
    );
    return new Response(bundle.stream, {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${bundle.fileName}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return reportRouteError(error, request);
  }
}
