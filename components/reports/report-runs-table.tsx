import { DataTable, type Column } from '@/components/ui/data-table';
import type { ReportRun } from '@/db/schema';
import { actorName } from '@/lib/activity/action-words';
import { formatDateTime } from '@/lib/time/format';

const KIND_LABELS: Record<string, string> = {
  compliance: 'Report',
  'compliance-csv': 'CSV',
  sample: 'Sample',
  bundle: 'Evidence bundle',
};

function filters(run: ReportRun): string {
  const p = run.params as Record<string, unknown>;
  return Object.entries(p)
    .filter(([key]) => key !== 'from' && key !== 'to')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

export function ReportRunsTable({ runs, timeZone }: { runs: ReportRun[]; timeZone: string }) {
  const columns: Column<ReportRun>[] = [
    {
      key: 'when',
      header: 'Generated',
      nowrap: true,
      cell: (r) => formatDateTime(r.generatedAt, timeZone),
    },
    { key: 'who', header: 'By', cell: (r) => actorName({ actorLabel: r.generatedByLabel }) },
    {
      key: 'what',
      header: 'What',
      primary: true,
      unclamped: true,
      cell: (r) => {
        const p = r.params as Record<string, unknown>;
        return (
          <>
            {KIND_LABELS[r.kind] ?? r.kind} ({r.channel}) · {String(p.from)} to {String(p.to)}
            {filters(r) && <span className="block text-xs text-slate-600">{filters(r)}</span>}
            {r.seed && <span className="block text-xs text-slate-600">Seed {r.seed}</span>}
          </>
        );
      },
    },
    { key: 'rows', header: 'Rows', nowrap: true, cell: (r) => r.rowCount ?? '—' },
    {
      key: 'hash',
      header: 'SHA-256',
      className: 'text-xs',
      cell: (r) => <code className="wrap-anywhere">{r.sha256}</code>,
    },
  ];
  return (
    <DataTable
      caption="Reports generated, newest first"
      columns={columns}
      rows={runs}
      rowKey={(r) => r.id}
      empty="No report has been generated yet."
    />
  );
}
