import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { generateComplianceReport } from '@/lib/reports/generate-report';
import { complianceReportJson } from '@/lib/reports/report-json';

/** The compliance report as JSON: the page's content, logged as a report run. */
export const GET = withApiAuth(async (request, actor) => {
  const { report, run } = await generateComplianceReport(
    getDb(),
    actor,
    new URL(request.url).searchParams,
    { channel: 'api' },
  );
  return Response.json(
    { ...complianceReportJson(report), run: { id: run.id, sha256: run.sha256 } },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});
