import Link from 'next/link';
import { ActiveBadge } from '@/components/ui/active-badge';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { STATE_LABELS } from '@/lib/incidents/schemas';
import type { PolicyDetail } from '@/lib/policies/get-policy';
import { TASK_STATE_LABELS } from '@/lib/tasks/schemas';

// Everything attached to a policy, each with the version it was attached at.

type TicketRow = PolicyDetail['incidents']['rows'][number];
type ScheduleRow = PolicyDetail['schedules'][number];

function versionCell(version: number, current: number) {
  return version === current ? `v${version}` : `v${version} (earlier text)`;
}

function ticketColumns(
  prefix: string,
  base: string,
  labels: Record<string, string>,
  current: number,
): Column<TicketRow>[] {
  return [
    {
      key: 'number',
      header: 'Number',
      nowrap: true,
      cell: (row) => (
        <Link href={`${base}/${row.number}`} className="font-medium text-brand-700 underline">
          {prefix}-{row.number}
        </Link>
      ),
    },
    { key: 'title', header: 'Title', primary: true, cell: (row) => row.title },
    {
      key: 'state',
      header: 'State',
      nowrap: true,
      hideBelow: 'md',
      fold: true,
      cell: (row) => labels[row.state] ?? row.state,
    },
    {
      key: 'version',
      header: 'Version attached',
      nowrap: true,
      cell: (row) => versionCell(row.version, current),
    },
  ];
}

function more(shown: number, total: number, noun: string) {
  return total > shown ? (
    <p className="mt-2 text-xs text-slate-500">
      The newest {shown} of {total} {noun}.
    </p>
  ) : null;
}

export function PolicyAttachments({ detail }: { detail: PolicyDetail }) {
  const current = detail.policy.currentVersion;
  const scheduleColumns: Column<ScheduleRow>[] = [
    {
      key: 'name',
      header: 'Name',
      primary: true,
      cell: (row) => (
        <span className="flex flex-wrap items-center gap-2">
          <Link href={`/schedules/${row.id}`} className="font-medium text-brand-700 underline">
            {row.name}
          </Link>
          {row.reviewsThisPolicy && <Badge tone="brand">Reviews this policy</Badge>}
        </span>
      ),
    },
    {
      key: 'active',
      header: 'Status',
      nowrap: true,
      cell: (row) => <ActiveBadge active={row.active} />,
    },
    {
      key: 'version',
      header: 'Version attached',
      nowrap: true,
      cell: (row) => versionCell(row.version, current),
    },
  ];
  return (
    <Card title="Attached">
      <div className="space-y-6">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Task schedules</h3>
          <DataTable
            caption="Task schedules mapped to this policy"
            label="Task schedules"
            columns={scheduleColumns}
            rows={detail.schedules}
            rowKey={(row) => row.id}
            framed={false}
            empty={<EmptyState title="No task schedule is mapped to this policy." />}
          />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Incidents</h3>
          <DataTable
            caption="Incidents attached to this policy"
            label="Incidents"
            columns={ticketColumns('INC', '/incidents', STATE_LABELS, current)}
            rows={detail.incidents.rows}
            rowKey={(row) => row.id}
            framed={false}
            empty={<EmptyState title="No incident is attached to this policy." />}
          />
          {more(detail.incidents.rows.length, detail.incidents.total, 'incidents')}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Tasks</h3>
          <DataTable
            caption="Tasks attached to this policy"
            label="Tasks"
            columns={ticketColumns('TASK', '/tasks', TASK_STATE_LABELS, current)}
            rows={detail.tasks.rows}
            rowKey={(row) => row.id}
            framed={false}
            empty={<EmptyState title="No task is attached to this policy." />}
          />
          {more(detail.tasks.rows.length, detail.tasks.total, 'tasks')}
        </div>
      </div>
    </Card>
  );
}
