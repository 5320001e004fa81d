import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { DeliveryWithAttempts } from '@/lib/webhooks/get-webhook-endpoints';
import { formatDateTime } from '@/lib/time/format';
import { DeliveryStatusBadge } from './delivery-status-badge';

/** An endpoint's deliveries, newest first, each with every attempt and what the receiver said. */
export function DeliveriesTable({
  rows,
  timeZone,
}: {
  rows: DeliveryWithAttempts[];
  timeZone: string;
}) {
  const columns: Column<DeliveryWithAttempts>[] = [
    {
      key: 'event',
      header: 'Event',
      primary: true,
      unclamped: true,
      cell: (d) => (
        <details>
          <summary className="cursor-pointer">
            <code>{d.eventType}</code>{' '}
            <span className="text-slate-600">{(d.payload as { summary?: string }).summary}</span>
          </summary>
          <p className="mt-2 text-xs text-slate-500">
            webhook-id <code>{d.messageId}</code>
          </p>
          <ol className="mt-2 space-y-2">
            {d.attemptRows.map((a) => (
              <li key={a.id} className="rounded border border-slate-200 p-2 text-xs">
                <p>
                  Attempt {a.attempt} · {formatDateTime(a.attemptedAt, timeZone)} ·{' '}
                  {a.statusCode ? `HTTP ${a.statusCode}` : 'no answer'} · {a.durationMs} ms
                </p>
                {a.error && <p className="text-red-700">{a.error}</p>}
                {a.responseExcerpt && (
                  <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all bg-slate-50 p-1">
                    {a.responseExcerpt}
                  </pre>
                )}
              </li>
            ))}
          </ol>
        </details>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      nowrap: true,
      cell: (d) => <DeliveryStatusBadge status={d.status} attempts={d.attempts} />,
    },
    {
      key: 'code',
      header: 'Last answer',
      nowrap: true,
      cell: (d) => (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? '—')),
    },
    { key: 'attempts', header: 'Attempts', nowrap: true, cell: (d) => d.attempts },
    {
      key: 'created',
      header: 'Queued',
      nowrap: true,
      hideBelow: 'md',
      cell: (d) => formatDateTime(d.createdAt, timeZone),
    },
  ];
  return (
    <DataTable
      caption="Deliveries"
      columns={columns}
      rows={rows}
      rowKey={(d) => String(d.id)}
      framed={false}
      empty={
        <EmptyState title="Nothing sent yet">
          Messages appear here as events happen; “Send test event” sends one now.
        </EmptyState>
      }
    />
  );
}
