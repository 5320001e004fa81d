import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { scheduleCsvHeaders } from '@/lib/schedules/csv-headers';
import { schedulePeriodsCsv } from '@/lib/schedules/export-periods-csv';
import { otherMethods } from '@/lib/api/method-not-allowed';

type Context = { params: Promise<{ id: string }> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every period the schedule owed, newest first: its task and state, or missed with the reason. */
export const GET = withApiAuth<Context>(async (_request, actor, { params }) => {
  assertCan(actor, 'tickets.export');
  const { id } = await params;
  const zone = actor.timeZone ?? 'UTC';
  const csv = UUID.test(id) ? await schedulePeriodsCsv(getDb(), id, zone) : null;
  if (csv === null) throw new NotFoundError('That task schedule does not exist.');
  return new Response(csv, { headers: scheduleCsvHeaders(new Date(), zone, 'schedule-periods') });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
