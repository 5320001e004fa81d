import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { getDb } from '@/db/client';
import { incidentNumberLabel } from '@/lib/incidents/schemas';
import { getRunningNoticeClocks } from '@/lib/notice-clocks/incident-clocks';
import { formatDateTime } from '@/lib/time/format';
import { NoticeClockBadge } from './notice-clock-badge';

// Regulator notification clocks still running, soonest deadline first, for the dashboard.
// Renders nothing while no clock runs: most days there is none.
export async function RunningNoticeClocks({ timeZone }: { timeZone: string }) {
  const clocks = await getRunningNoticeClocks(getDb(), 10);
  if (!clocks.length) return null;
  const now = new Date();
  return (
    <Card title="Regulator notification clocks">
      <DataTable
        caption="Regulator notification clocks still running"
        columns={[
          {
            key: 'incident',
            header: 'Incident',
            nowrap: true,
            cell: (clock) => (
              <Link
                href={`/incidents/${clock.number}`}
                className="font-medium text-brand-700 hover:underline"
              >
                {incidentNumberLabel(clock.number)}
              </Link>
            ),
          },
          {
            key: 'title',
            header: 'Title',
            primary: true,
            cell: (clock) => <span title={clock.title}>{clock.title}</span>,
          },
          { key: 'rule', header: 'Rule', cell: (clock) => clock.ruleName },
          {
            key: 'deadline',
            header: 'Deadline',
            nowrap: true,
            cell: (clock) => formatDateTime(clock.deadlineAt, timeZone),
          },
          {
            key: 'left',
            header: 'Time left',
            nowrap: true,
            cell: (clock) => (
              <NoticeClockBadge clock={{ ...clock, notifiedAt: null }} now={now} prefix="Time" />
            ),
          },
        ]}
        rows={clocks}
        rowKey={(clock) => clock.id}
        empty="No notification clock is running."
      />
    </Card>
  );
}
