import { BadgeList } from '@/components/ui/badge';
import { ActiveBadge } from '@/components/ui/active-badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { NameLink } from '@/components/ui/name-link';
import type { ScheduleListRow } from '@/lib/schedules/get-schedules';
import { OwnerFallbackBadge } from './owner-fallback-notice';

function columns(fallbackLabel: string): Column<ScheduleListRow>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      primary: true,
      cell: (row) => <NameLink href={`/schedules/${row.id}`} name={row.name} />,
    },
    {
      key: 'recurrence',
      header: 'Recurrence',
      className: 'min-w-40 text-slate-700',
      cell: (row) => row.recurrenceText,
    },
    {
      key: 'dueIn',
      header: 'Due in',
      nowrap: true,
      hideBelow: 'md',
      fold: true,
      cell: (row) => `${row.dueInDays} days`,
    },
    {
      key: 'owner',
      header: 'Owner',
      hideBelow: 'lg',
      fold: true,
      cell: (row) => (
        <>
          {row.ownerName ?? 'Unassigned'}
          {row.ownerActive === false && (
            <span className="mt-1 block">
              <OwnerFallbackBadge tasksGoTo={fallbackLabel} />
            </span>
          )}
        </>
      ),
    },
    {
      key: 'tags',
      header: 'Tags',
      hideBelow: 'xl',
      fold: true,
      cell: (row) => <BadgeList items={row.tags} />,
    },
    {
      key: 'group',
      header: 'Group',
      hideBelow: 'xl',
      fold: true,
      cell: (row) => row.groupName || '—',
    },
    {
      key: 'status',
      header: 'Status',
      nowrap: true,
      cell: (row) => <ActiveBadge active={row.active} />,
    },
  ];
}

export function ScheduleTable({
  rows,
  fallbackLabel,
  empty,
}: {
  rows: ScheduleListRow[];
  fallbackLabel: string;
  empty: React.ReactNode;
}) {
  return (
    <DataTable
      caption="Task schedules"
      columns={columns(fallbackLabel)}
      rows={rows}
      rowKey={(row) => row.id}
      empty={empty}
    />
  );
}
