import { ActiveBadge } from '@/components/ui/active-badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { NameLink } from '@/components/ui/name-link';
import { formatDateTime } from '@/lib/time/format';
import { ruleInWords } from '@/lib/triggers/describe';
import type { TriggerListRow } from '@/lib/triggers/get-triggers';
import { OutcomeBadge } from './outcome-badge';

function columns(timeZone: string): Column<TriggerListRow>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      primary: true,
      cell: (row) => (
        <>
          <NameLink href={`/triggers/${row.id}`} name={row.name} />
          <span className="block text-xs text-slate-500">{ruleInWords(row)}</span>
        </>
      ),
    },
    {
      key: 'query',
      header: 'Query',
      hideBelow: 'md',
      fold: true,
      className: 'font-mono text-xs text-slate-700',
      cell: (row) => row.query,
    },
    {
      key: 'lastRun',
      header: 'Last run',
      hideBelow: 'lg',
      fold: true,
      cell: (row) =>
        row.lastRun ? (
          <>
            <OutcomeBadge outcome={row.lastRun.outcome} />
            <span className="block text-xs text-slate-500">
              {formatDateTime(row.lastRun.windowTo, timeZone)}
              {row.lastRun.matchCount !== null && ` · ${row.lastRun.matchCount} matched`}
            </span>
          </>
        ) : (
          <span className="text-slate-500">Not yet</span>
        ),
    },
    {
      key: 'nextRun',
      header: 'Next run',
      nowrap: true,
      hideBelow: 'lg',
      fold: true,
      cell: (row) => (row.active ? formatDateTime(row.nextRunAt, timeZone) : '—'),
    },
    {
      key: 'owner',
      header: 'Owner',
      hideBelow: 'xl',
      fold: true,
      cell: (row) => row.ownerName ?? 'Unassigned',
    },
    {
      key: 'status',
      header: 'State',
      nowrap: true,
      cell: (row) => <ActiveBadge active={row.active} />,
    },
  ];
}

export function TriggerTable({
  rows,
  timeZone,
  empty,
}: {
  rows: TriggerListRow[];
  timeZone: string;
  empty: React.ReactNode;
}) {
  return (
    <DataTable
      caption="Triggers"
      columns={columns(timeZone)}
      rows={rows}
      rowKey={(row) => row.id}
      empty={empty}
    />
  );
}
