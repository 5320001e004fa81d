import { getDb } from '@/db/client';
import { activityCsv } from '@/lib/activity/activity-csv';
import { getActivity } from '@/lib/activity/get-activity';
import { routeSession } from '@/lib/auth/route-session';
import { getIncidentIdByNumber } from '@/lib/incidents/get-incident';
import { parseIncidentNumber } from '@/lib/incidents/schemas';

// An incident's log is bounded (hundreds of rows at most), so it is built in one piece.
const MAX_ROWS = 10_000;

export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  const session = await routeSession('tickets.export');
  if ('response' in session) return session.response;
  const number = parseIncidentNumber((await params).number);
  const incidentId = number ? await getIncidentIdByNumber(getDb(), number) : undefined;
  if (!incidentId) return Response.json({ error: 'That incident does not exist.' }, { status: 404 });
  const rows = await getActivity(getDb(), { entityType: 'incident', entityId: incidentId, limit: MAX_ROWS });
  return new Response(await activityCsv(getDb(), rows, session.user.timeZone), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="vigil-INC-${number}-activity.csv"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}
