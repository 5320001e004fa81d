import type { Metadata } from 'next';
import { ReportForm } from '@/components/reports/report-form';
import { ReportRunsTable } from '@/components/reports/report-runs-table';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getRecentReportRuns, getReportOptions } from '@/lib/reports/get-report-options';

export const metadata: Metadata = { title: 'Reports' };

/** Last calendar year, the range an examiner asks about most. */
function lastYear(now: Date): { from: string; to: string } {
  const year = now.getUTCFullYear() - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export default async function ReportsPage() {
  const { user } = await requirePermission('tickets.view');
  const db = getDb();
  const [options, runs] = await Promise.all([getReportOptions(db), getRecentReportRuns(db)]);
  return (
    <>
      <PageHeader
        title="Reports"
        description="What the work proves: every planned review of a period, on time or not, with who did it and what they found; incident statistics; regulator notices. Every report generated is logged below."
      />
      <ReportForm options={options} values={lastYear(new Date())} />
      <div className="mt-6">
        <Card title="Recent reports">
          <ReportRunsTable runs={runs} timeZone={user.timeZone} />
        </Card>
      </div>
    </>
  );
}
