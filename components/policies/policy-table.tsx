import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { rowOwnerLabel } from '@/lib/owners/owner-label';
import type { PolicyListRow } from '@/lib/policies/get-policies';

// One framework's statements: each indented under its parent, retired ones marked.

const INDENT = ['', 'pl-4', 'pl-8', 'pl-12', 'pl-16'];

const columns: Column<PolicyListRow>[] = [
  {
    key: 'reference',
    header: 'Reference',
    nowrap: true,
    cell: (row) => (
      <span className={`font-mono text-xs ${INDENT[Math.min(row.depth, INDENT.length - 1)]}`}>
        {row.depth > 0 && (
          <span aria-hidden="true" className="mr-1 text-slate-400">
            └
          </span>
        )}
        {row.reference}
      </span>
    ),
  },
  {
    key: 'title',
    header: 'Title',
    primary: true,
    cell: (row) => (
      <span className="flex flex-wrap items-center gap-2">
        <Link href={`/policies/${row.id}`} className="font-medium text-brand-700 underline">
          {row.title}
        </Link>
        {!row.active && <Badge tone="amber">Retired</Badge>}
        {row.parentReference && <span className="sr-only">, under {row.parentReference}</span>}
      </span>
    ),
  },
  {
    key: 'version',
    header: 'Version',
    nowrap: true,
    hideBelow: 'md',
    fold: true,
    cell: (row) => (row.custom ? `v${row.currentVersion}` : '—'),
  },
  {
    key: 'review',
    header: 'Review',
    nowrap: true,
    hideBelow: 'lg',
    fold: true,
    cell: (row) =>
      row.reviewIntervalMonths
        ? `Every ${row.reviewIntervalMonths} month${row.reviewIntervalMonths === 1 ? '' : 's'}`
        : '—',
  },
  {
    key: 'owner',
    header: 'Owner',
    hideBelow: 'lg',
    fold: true,
    cell: (row) => (row.custom ? rowOwnerLabel(row) : '—'),
  },
];

export function PolicyTable({ framework, rows }: { framework: string; rows: PolicyListRow[] }) {
  return (
    <DataTable
      caption={`${framework}: ${rows.length} ${rows.length === 1 ? 'statement' : 'statements'}`}
      label={framework}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      rowClassName={(row) => (row.active ? '' : 'bg-slate-50 text-slate-500')}
    />
  );
}
