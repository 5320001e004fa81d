import type { DbOrTx } from '@/db/client';
import type { ReportRun } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { complianceCsv, complianceCsvFile } from './csv-files';
import { getComplianceReport } from './get-compliance-report';
import { parseComplianceParams } from './params';
import { recordReportRun, type ReportChannel } from './record-report-run';
import { canonicalJson, complianceReportHash, sha256Hex } from './report-json';
import { drawSample, parseSampleParams, SAMPLE_PARAMETERS, type SampleParams } from './sample';
import type { ComplianceOccurrence, ComplianceReport } from './types';

// What the page, its downloads and the API call: parse the URL's filters, build the report,
// and log what was handed over (report_runs + activity) before handing it over. A refused
// filter is a ValidationError with the field at fault, and nothing is logged.

export async function generateComplianceReport(
  db: DbOrTx,
  actor: Actor,
  searchParams: URLSearchParams,
  options: { channel: ReportChannel; now?: Date; extra?: readonly string[] },
): Promise<{ report: ComplianceReport; run: ReportRun }> {
  const params = parseComplianceParams(searchParams, options.extra);
  const report = await getComplianceReport(db, actor, params, options.now);
  const run = await recordReportRun(db, actor, {
    kind: 'compliance',
    channel: options.channel,
    params,
    sha256: complianceReportHash(report),
    rowCount: report.occurrences.length,
  });
  return { report, run };
}

/** One of the report's tables as a CSV file (lib/reports/csv-files.ts), times in `timeZone`. */
export async function generateComplianceCsv(
  db: DbOrTx,
  actor: Actor,
  searchParams: URLSearchParams,
  options: { table: string; timeZone: string; channel: ReportChannel; now?: Date },
): Promise<{ text: string; fileName: string; run: ReportRun }> {
  assertCan(actor, 'tickets.export');
  const file = complianceCsvFile(options.table);
  if (!file) throw new NotFoundError('The report has no such table.');
  const params = parseComplianceParams(searchParams);
  const report = await getComplianceReport(db, actor, params, options.now);
  const { text, rowCount } = complianceCsv(file, report, options.timeZone);
  const run = await recordReportRun(db, actor, {
    kind: 'compliance-csv',
    channel: options.channel,
    params: { ...params, table: options.table },
    sha256: sha256Hex(text),
    rowCount,
  });
  return {
    text,
    fileName: `vigil-compliance-${options.table}-${params.from}-${params.to}.csv`,
    run,
  };
}

/** A sample of the report's occurrences (lib/reports/sample.ts), its seed logged with it. */
export async function generateComplianceSample(
  db: DbOrTx,
  actor: Actor,
  searchParams: URLSearchParams,
  options: { channel: ReportChannel; now?: Date; extra?: readonly string[] },
): Promise<{
  report: ComplianceReport;
  sample: ComplianceOccurrence[];
  sampleParams: SampleParams & { generated: boolean };
  run: ReportRun;
}> {
  const known = [...SAMPLE_PARAMETERS, ...(options.extra ?? [])];
  const params = parseComplianceParams(searchParams, known);
  const sampleParams = parseSampleParams(searchParams);
  const report = await getComplianceReport(db, actor, params, options.now);
  const sample = drawSample(report.occurrences, sampleParams);
  const run = await recordReportRun(db, actor, {
    kind: 'sample',
    channel: options.channel,
    params: { ...params, size: sampleParams.size, perSchedule: sampleParams.perSchedule },
    seed: sampleParams.seed,
    sha256: sha256Hex(
      canonicalJson({
        params,
        size: sampleParams.size,
        perSchedule: sampleParams.perSchedule,
        seed: sampleParams.seed,
        sample: JSON.parse(JSON.stringify(sample)),
      }),
    ),
    rowCount: sample.length,
  });
  return { report, sample, sampleParams, run };
}
