import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { scheduleCsvHeaders } from '@/lib/schedules/csv-headers';
import { schedulePeriodsCsv } from '@/lib/schedules/export-periods-csv';
import { isUuid } from '@/lib/uuid';

type Context = { params: Promise<{ id: string }> };

// The schedule page's "Download periods (CSV)": its whole ledger, for an examiner.
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { user } = await requirePermission('tickets.export');
  const { id } = await params;
  const csv = isUuid(id) ? await schedulePeriodsCsv(getDb(), id, user.timeZone) : null;
  if (csv === null) notFound();
  return new Response(csv, {
    headers: scheduleCsvHeaders(new Date(), user.timeZone, 'schedule-periods'),
  });
}
