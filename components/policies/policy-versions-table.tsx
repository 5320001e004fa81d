import Link from 'next/link';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { PolicyDetail } from '@/lib/policies/get-policy';
import { formatDateTime } from '@/lib/time/format';

type VersionRow = PolicyDetail['versions'][number];

/** Every version the policy has had, newest first; each opens its own text. */
export function PolicyVersionsTable({
  policyId,
  versions,
  current,
  shown,
  timeZone,
}: {
  policyId: string;
  versions: VersionRow[];
  current: number;
  shown?: number;
  timeZone: string;
}) {
  const columns: Column<VersionRow>[] = [
    {
      key: 'version',
      header: 'Version',
      nowrap: true,
      cell: (row) =>
        row.version === shown ? (
          <span aria-current="true" className="font-semibold">
            v{row.version} (shown)
          </span>
        ) : (
          <Link
            href={`/policies/${policyId}${row.version === current ? '' : `?version=${row.version}`}`}
            className="text-brand-700 underline"
          >
            Read v{row.version}
          </Link>
        ),
    },
    {
      key: 'title',
      header: 'Title',
      primary: true,
      cell: (row) => (
        <>
          {row.title}
          {row.version === current && <span className="text-slate-500"> · in force</span>}
        </>
      ),
    },
    {
      key: 'note',
      header: 'What changed',
      hideBelow: 'lg',
      fold: true,
      cell: (row) => row.changeNote || (row.version === 1 ? 'First version' : '—'),
    },
    {
      key: 'saved',
      header: 'Saved',
      hideBelow: '2xl',
      fold: true,
      cell: (row) => `${row.createdByName ?? 'Vigil'}, ${formatDateTime(row.createdAt, timeZone)}`,
    },
  ];
  return (
    <DataTable
      caption="Versions of this policy"
      columns={columns}
      rows={versions}
      rowKey={(row) => String(row.version)}
      framed={false}
    />
  );
}
