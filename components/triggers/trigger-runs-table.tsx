import Link from 'next/link';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { eventsSearchUrl } from '@/lib/events/search-url';
import { formatDateTime, formatTime } from '@/lib/time/format';
import type { TriggerRunRow } from '@/lib/triggers/get-triggers';
import { OutcomeBadge } from './outcome-badge';

function columns(timeZone: string, query: string): Column<TriggerRunRow>[] {
  return [
    {
      key: 'window',
      header: 'Window',
      primary: true,
      cell: (run) => (
        <Link
          href={eventsSearchUrl({ query, from: run.windowFrom, to: run.windowTo })}
          className="text-brand-700 underline"
          title="The same search on the Events page"
        >
          {formatDateTime(run.windowFrom, timeZone)} – {formatTime(run.windowTo, timeZone)}
        </Link>
      ),
    },
    {
      key: 'outcome',
      header: 'Outcome',
      nowrap: true,
      cell: (run) => <OutcomeBadge outcome={run.outcome} />,
    },
    {
      key: 'matched',
      header: 'Matched',
      nowrap: true,
      cell: (run) => (run.matchCount === null ? '—' : run.matchCount.toLocaleString('en-US')),
    },
    {
      key: 'incident',
      header: 'Incident',
      nowrap: true,
      cell: (run) =>
        run.incidentNumber ? (
          <Link href={`/incidents/${run.incidentNumber}`} className="text-brand-700 underline">
            INC-{run.incidentNumber}
          </Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'reason',
      header: 'Details',
      hideBelow: 'md',
      fold: true,
      className: 'text-slate-700 break-words',
      cell: (run) => run.reason || '—',
    },
  ];
}

/** The trigger's ledger: every window evaluated, newest first, with what came of it. */
export function TriggerRunsTable({
  rows,
  query,
  timeZone,
  firstHref,
  nextHref,
}: {
  rows: TriggerRunRow[];
  query: string;
  timeZone: string;
  firstHref: string | null;
  nextHref: string | null;
}) {
  return (
    <>
      <DataTable
        caption="Windows evaluated"
        columns={columns(timeZone, query)}
        rows={rows}
        rowKey={(run) => run.windowFrom.toISOString()}
        empty={
          <EmptyState title="No window evaluated yet.">
            Each window is counted a minute after it ends.
          </EmptyState>
        }
      />
      <Pagination label="Windows" firstHref={firstHref} nextHref={nextHref} />
    </>
  );
}
