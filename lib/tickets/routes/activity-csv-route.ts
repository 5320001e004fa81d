import { getDb } from '@/db/client';
import { activityCsv } from '@/lib/activity/activity-csv';
import { getActivity } from '@/lib/activity/get-activity';
import { routeSession } from '@/lib/auth/route-session';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { getTicketIdByNumber } from '../find-by-number';
import { parseTicketNumber, ticketNumberLabel } from '../ticket-number';
import type { TicketKind } from '../ticket-kind';

// A ticket's log is bounded (hundreds of rows at most), so it is built in one piece.
const MAX_ROWS = 10_000;

/** GET …/[number]/activity.csv of a kind: vigil-INC-1042-activity.csv. */
export function activityCsvRoute(kind: TicketKind) {
  return async function GET(
    _request: Request,
    { params }: { params: Promise<{ number: string }> },
  ): Promise<Response> {
    const session = await routeSession(kind.permissions.export);
    if ('response' in session) return session.response;
    const number = parseTicketNumber(kind.numberPrefix, (await params).number);
    const ticketId = number ? await getTicketIdByNumber(getDb(), kind, number) : undefined;
    if (!number || !ticketId)
      return Response.json({ error: `That ${kind.noun} does not exist.` }, { status: 404 });
    const rows = await getActivity(getDb(), {
      entityType: kind.entityType,
      entityId: ticketId,
      limit: MAX_ROWS,
    });
    return new Response(await activityCsv(getDb(), rows, session.user.timeZone), {
      headers: csvDownloadHeaders(
        `vigil-${ticketNumberLabel(kind.numberPrefix, number)}-activity.csv`,
      ),
    });
  };
}
