import type { Metadata } from 'next';
import Link from 'next/link';
import {
  occurrenceColumns,
  PRINT_STYLES,
  ReportHeading,
} from '@/components/reports/compliance-report-view';
import { PrintButton } from '@/components/reports/print-button';
import { ReportForm } from '@/components/reports/report-form';
import { SampleForm } from '@/components/reports/sample-form';
import { Alert } from '@/components/ui/alert';
import { DataTable } from '@/components/ui/data-table';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { generateComplianceSample } from '@/lib/reports/generate-report';
import { getReportOptions } from '@/lib/reports/get-report-options';
import { SAMPLE_PARAMETERS } from '@/lib/reports/sample';
import { filterQuery, formValues, toSearchParams } from '@/lib/reports/search-params';

export const metadata: Metadata = { title: 'Compliance sample' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ComplianceSamplePage({ searchParams }: Props) {
  const { user, actor } = await requirePermission('tickets.view');
  const params = toSearchParams(await searchParams);
  const db = getDb();
  let generated;
  try {
    generated = await generateComplianceSample(db, actor, params, { channel: 'page' });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const sampleErrors = Object.keys(error.fieldErrors).some((k) =>
      (SAMPLE_PARAMETERS as readonly string[]).includes(k),
    );
    return sampleErrors ? (
      <>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight text-slate-900">Draw a sample</h1>
        <SampleForm params={params} errors={error.fieldErrors} />
      </>
    ) : (
      <ReportForm
        options={await getReportOptions(db)}
        values={formValues(params)}
        errors={error.fieldErrors}
      />
    );
  }
  const { report, sample, sampleParams, run } = generated;
  const again = new URLSearchParams(filterQuery(params));
  again.set('size', String(sampleParams.size));
  if (sampleParams.perSchedule) again.set('perSchedule', '1');
  again.set('seed', sampleParams.seed);
  return (
    <>
      <style>{PRINT_STYLES}</style>
      <ReportHeading
        report={report}
        title="Compliance sample"
        timeZone={user.timeZone}
        extra={
          <>
            <dt className="font-medium">Sample</dt>
            <dd>
              {sampleParams.perSchedule
                ? `${sampleParams.size} of each schedule`
                : `${sampleParams.size} of ${report.occurrences.length} occurrences`}
              : {sample.length} drawn
            </dd>
            <dt className="font-medium">Seed</dt>
            <dd>
              <code data-testid="sample-seed">{sampleParams.seed}</code>
            </dd>
            <dt className="font-medium">Content SHA-256</dt>
            <dd>
              <code className="text-xs wrap-anywhere" data-testid="sample-sha256">
                {run.sha256}
              </code>
            </dd>
          </>
        }
      />
      <div data-print="hide" className="mb-6 space-y-3 print:hidden">
        {sampleParams.generated && (
          <Alert tone="info">
            A new seed was drawn: <code>{sampleParams.seed}</code>. The same filters, size and seed
            draw the same sample again (
            <Link className="underline" href={`/reports/compliance/sample?${again}`}>
              this link
            </Link>
            ).
          </Alert>
        )}
        <div className="flex flex-wrap gap-2">
          <PrintButton />
        </div>
      </div>
      <DataTable
        caption="The occurrences drawn"
        label="Sample"
        columns={occurrenceColumns(user.timeZone)}
        rows={sample}
        rowKey={(o) => `${o.scheduleId}:${o.periodKey}`}
        empty="The report has no occurrence to draw from."
      />
    </>
  );
}
