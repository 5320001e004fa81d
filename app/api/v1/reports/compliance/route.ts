import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { generateComplianceReport } from '@/lib/reports/generate-report';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** The compliance report as JSON (times in UTC, ISO 8601): the page's content, logged as a report run. */
export const GET = withApiAuth(async (request, actor) => {
  const { report, run } = await generateComplianceReport(
    getDb(),
    actor,
    new URL(request.url).searchParams,
    { channel: 'api' },
  );
  // Serialised once: JSON.stringify writes the Dates as ISO strings itself.
  return new Response(JSON.stringify({ ...report, run: { id: run.id, sha256: run.sha256 } }), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
