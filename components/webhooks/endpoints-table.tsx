import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { WebhookEndpointSummary } from '@/lib/webhooks/get-webhook-endpoints';
import { WEBHOOK_FORMAT_LABELS } from '@/lib/webhooks/webhook-format';
import { formatDateTime } from '@/lib/time/format';
import { DeliveryStatusBadge } from './delivery-status-badge';

export function EndpointsTable({
  rows,
  timeZone,
}: {
  rows: WebhookEndpointSummary[];
  timeZone: string;
}) {
  const columns: Column<WebhookEndpointSummary>[] = [
    {
      key: 'url',
      header: 'Endpoint',
      primary: true,
      cell: (e) => (
        <Link
          href={`/settings/integrations/${e.id}`}
          className="font-medium text-brand-700 underline"
        >
          {e.description || e.url}
        </Link>
      ),
    },
    {
      key: 'format',
      header: 'Format',
      hideBelow: 'md',
      cell: (e) => WEBHOOK_FORMAT_LABELS[e.format],
    },
    {
      key: 'events',
      header: 'Events',
      nowrap: true,
      cell: (e) => `${e.eventTypes.length} event${e.eventTypes.length === 1 ? '' : 's'}`,
    },
    {
      key: 'state',
      header: 'State',
      nowrap: true,
      cell: (e) => (e.active ? <Badge tone="green">Active</Badge> : <Badge>Paused</Badge>),
    },
    {
      key: 'last',
      header: 'Last delivery',
      nowrap: true,
      hideBelow: 'lg',
      cell: (e) =>
        e.lastDeliveryStatus ? (
          <span className="inline-flex items-center gap-2">
            <DeliveryStatusBadge status={e.lastDeliveryStatus} attempts={e.lastDeliveryAttempts} />
            {formatDateTime(e.lastDeliveryAt, timeZone)}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <DataTable
      caption="Webhook endpoints"
      columns={columns}
      rows={rows}
      rowKey={(e) => e.id}
      framed={false}
      empty={
        <EmptyState title="No webhooks yet">
          Add one to tell a SOAR, a pager, Slack or Teams what happens in Vigil.
        </EmptyState>
      }
    />
  );
}
