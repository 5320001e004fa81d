import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { DataTable, type Column } from '@/components/ui/data-table';
import { COMMON_FIELDS } from '@/lib/events/fields';
import { eventsSearchUrl } from '@/lib/events/search-url';
import type { IncidentEventRow } from '@/lib/incidents/event-evidence';
import { formatDateTime } from '@/lib/time/format';

// The events copied into an incident as its evidence: kept whole, so they stay readable after
// retention removed them from the Events page; each batch links back to the search it came from.

type Batch = {
  key: string;
  addedBy: string;
  addedAt: Date;
  count: number;
  search: IncidentEventRow['search'];
};

/** One line per time someone (or a trigger) added events from one search. */
function batchesOf(rows: IncidentEventRow[]): Batch[] {
  const batches = new Map<string, Batch>();
  for (const row of rows) {
    const key = [
      row.addedById ?? row.triggerId,
      row.addedAt.toISOString(),
      row.search.query,
      row.search.from?.toISOString(),
      row.search.to?.toISOString(),
    ].join('|');
    const batch = batches.get(key);
    if (batch) batch.count += 1;
    else
      batches.set(key, {
        key,
        addedBy: row.addedBy,
        addedAt: row.addedAt,
        count: 1,
        search: row.search,
      });
  }
  return [...batches.values()].sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime());
}

function allFields(event: IncidentEventRow['event']): [string, string][] {
  const common = COMMON_FIELDS.map((f) => [f, event[f]] as const).filter(([, v]) => v != null);
  const rest = Object.entries(event.fields ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return [...common, ...rest].map(([name, value]) => [
    name,
    typeof value === 'string' ? value : JSON.stringify(value),
  ]);
}

function columns(timeZone: string): Column<IncidentEventRow>[] {
  return [
    {
      key: 'time',
      header: 'Time',
      nowrap: true,
      cell: (row) => formatDateTime(row.occurredAt, timeZone),
    },
    { key: 'host', header: 'Host', cell: (row) => row.event.hostname ?? '—' },
    {
      key: 'app',
      header: 'App',
      hideBelow: 'lg',
      fold: true,
      cell: (row) => row.event.app_name ?? '—',
    },
    { key: 'eventId', header: 'Event ID', nowrap: true, cell: (row) => row.event.event_id ?? '—' },
    {
      key: 'message',
      header: 'Message',
      primary: true,
      unclamped: true,
      cell: (row) => (
        <details>
          <summary className="cursor-pointer break-words">
            {row.event.message || <span className="text-slate-500">(no message)</span>}
          </summary>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 font-mono text-xs">
            {allFields(row.event).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-500">{name}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
            <dt className="text-slate-500">store id</dt>
            <dd>{row.eventId}</dd>
          </dl>
        </details>
      ),
    },
  ];
}

export function EventEvidenceSection({
  rows,
  timeZone,
}: {
  rows: IncidentEventRow[];
  timeZone: string;
}) {
  const batches = batchesOf(rows);
  return (
    <Card title={`Events (${rows.length})`}>
      <div id="events" className="space-y-3">
        {batches.length > 0 && (
          <ul
            className="space-y-1 text-sm text-slate-700"
            aria-label="Where these events came from"
          >
            {batches.map((batch) => (
              <li key={batch.key}>
                {batch.addedBy} added {batch.count === 1 ? '1 event' : `${batch.count} events`} on{' '}
                {formatDateTime(batch.addedAt, timeZone)}
                {batch.search.query ? (
                  <>
                    {' '}
                    from <code className="break-all font-mono text-xs">{batch.search.query}</code>
                  </>
                ) : null}
                {batch.search.from && batch.search.to && (
                  <>
                    {' · '}
                    <Link
                      href={eventsSearchUrl({
                        query: batch.search.query,
                        from: batch.search.from,
                        to: batch.search.to,
                      })}
                      className="text-brand-700 underline"
                    >
                      Open the same search
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <DataTable
          caption="Events kept as evidence"
          label="Evidence events"
          columns={columns(timeZone)}
          rows={rows}
          rowKey={(row) => row.eventId}
          framed={false}
          empty="No events yet. Select events on the Events page and choose Add to incident."
        />
      </div>
    </Card>
  );
}
