import { getDb } from '@/db/client';
import { activityCsv } from '@/lib/activity/activity-csv';
import { getActivity } from '@/lib/activity/get-activity';
import { routeSession } from '@/lib/auth/route-session';
import { getTaskIdByNumber } from '@/lib/tasks/get-task';
import { parseTaskNumber } from '@/lib/tasks/schemas';

// A task's log is bounded (hundreds of rows at most), so it is built in one piece.
const MAX_ROWS = 10_000;

export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  const session = await routeSession('tickets.export');
  if ('response' in session) return session.response;
  const number = parseTaskNumber((await params).number);
  const taskId = number ? await getTaskIdByNumber(getDb(), number) : undefined;
  if (!taskId) return Response.json({ error: 'That task does not exist.' }, { status: 404 });
  const rows = await getActivity(getDb(), { entityType: 'task', entityId: taskId, limit: MAX_ROWS });
  return new Response(await activityCsv(getDb(), rows, session.user.timeZone), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="vigil-TASK-${number}-activity.csv"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}
