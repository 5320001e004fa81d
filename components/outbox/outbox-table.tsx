import { DataTable, type Column } from '@/components/ui/data-table';
import type { OutboxRow } from '@/db/schema';
import type { OutboxStatus } from '@/lib/outbox/get-outbox';
import { formatDateTime } from '@/lib/time/format';
import { RetryButton } from './retry-button';

function describe(payload: Record<string, unknown>): string {
  if (typeof payload.to === 'string') return `to ${payload.to}`;
  if (typeof payload.entityType === 'string')
    return `${payload.entityType} ${String(payload.entityId ?? '').slice(0, 8)} by ${String(payload.actorLabel ?? '')}`;
  return '';
}

function columns(status: OutboxStatus, canRetry: boolean, timeZone: string): Column<OutboxRow>[] {
  const when = status === 'sent' ? 'Sent' : status === 'pending' ? 'Next try' : 'Queued';
  return [
    { key: 'id', header: '#', nowrap: true, className: 'tabular-nums', cell: (row) => row.id },
    { key: 'kind', header: 'Kind', nowrap: true, cell: (row) => row.kind },
    {
      key: 'topic',
      header: 'Topic',
      primary: true,
      cell: (row) => (
        <>
          {row.topic}
          <span className="block text-xs text-slate-500">{describe(row.payload)}</span>
        </>
      ),
    },
    {
      key: 'attempts',
      header: 'Attempts',
      nowrap: true,
      className: 'tabular-nums',
      cell: (row) => `${row.attempts} / ${row.maxAttempts}`,
    },
    {
      key: 'when',
      header: when,
      nowrap: true,
      cell: (row) =>
        formatDateTime(
          status === 'sent'
            ? row.deliveredAt
            : status === 'pending'
              ? row.availableAt
              : row.createdAt,
          timeZone,
        ),
    },
    {
      key: 'error',
      header: 'Last error',
      hideBelow: 'lg',
      fold: true,
      className: 'max-w-md wrap-anywhere text-red-800',
      cell: (row) => row.lastError ?? '',
    },
    ...(status === 'failed' && canRetry
      ? [
          {
            key: 'retry',
            header: 'Retry',
            srOnlyHeader: true,
            cell: (row: OutboxRow) => <RetryButton id={row.id} />,
          },
        ]
      : []),
  ];
}

export function OutboxTable({
  rows,
  status,
  label,
  canRetry,
  timeZone,
}: {
  rows: OutboxRow[];
  status: OutboxStatus;
  label: string;
  canRetry: boolean;
  timeZone: string;
}) {
  return (
    <DataTable
      caption={label}
      columns={columns(status, canRetry, timeZone)}
      rows={rows}
      rowKey={(row) => String(row.id)}
      framed={false}
      empty="None."
    />
  );
}
