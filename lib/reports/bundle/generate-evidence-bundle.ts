import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { complianceCsv, COMPLIANCE_CSV_FILES } from '../csv-files';
import { getComplianceReport } from '../get-compliance-report';
import { parseComplianceParams } from '../params';
import { createEvidenceBundle, type EvidenceBundle } from './create-evidence-bundle';

// What the report page's "Download evidence bundle" calls: the same filters as the page
// (a refused filter is the page's ValidationError, before any byte is sent), the same
// report, its CSV files as the page's downloads write them, then the zip.

export async function generateEvidenceBundle(
  db: Db,
  actor: Actor,
  searchParams: URLSearchParams,
  options: { timeZone: string; now?: Date },
): Promise<EvidenceBundle> {
  assertCan(actor, 'tickets.export');
  const params = parseComplianceParams(searchParams);
  const report = await getComplianceReport(db, actor, params, options.now);
  const csvFiles = COMPLIANCE_CSV_FILES.map((file) => ({
    name: file.name,
    description: file.description,
    text: complianceCsv(file, report, options.timeZone).text,
  }));
  return createEvidenceBundle(db, actor, { report, csvFiles, policyLabel: report.policyLabel });
}
