import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { generateComplianceCsv } from '@/lib/reports/generate-report';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** The report's occurrences table: one row per planned occurrence, with its status. */
export const GET = withApiAuth(async (request, actor) => {
  const { text, fileName, run } = await generateComplianceCsv(
    getDb(),
    actor,
    new URL(request.url).searchParams,
    { table: 'occurrences', timeZone: actor.timeZone ?? 'UTC', channel: 'api' },
  );
  const headers = new Headers(csvDownloadHeaders(fileName));
  headers.set('X-Report-Run', run.id);
  headers.set('X-Report-Sha256', run.sha256 ?? '');
  return new Response(text, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
