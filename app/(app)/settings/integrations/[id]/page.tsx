import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeliveriesTable } from '@/components/webhooks/deliveries-table';
import { EndpointControls } from '@/components/webhooks/endpoint-controls';
import { EndpointForm } from '@/components/webhooks/endpoint-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getWebhookDeliveries, getWebhookEndpoint } from '@/lib/webhooks/get-webhook-endpoints';
import { updateWebhookEndpointAction } from '../actions';

export const metadata: Metadata = { title: 'Webhook endpoint' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePermission('organization.manage');
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = getDb();
  const endpoint = await getWebhookEndpoint(db, id);
  if (!endpoint) notFound();
  const before = Number((await searchParams).before);
  const deliveries = await getWebhookDeliveries(db, {
    endpointId: id,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  });
  const here = `/settings/integrations/${id}`;
  return (
    <>
      <PageHeader
        title={endpoint.description || endpoint.url}
        description={endpoint.description ? endpoint.url : undefined}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="This endpoint">
            <div className="space-y-4">
              <p>{endpoint.active ? <Badge tone="green">Active</Badge> : <Badge>Paused</Badge>}</p>
              <EndpointControls
                endpointId={endpoint.id}
                active={endpoint.active}
                version={endpoint.version}
              />
              <details>
                <summary className="cursor-pointer text-sm font-medium">
                  Reveal the signing secret
                </summary>
                <p className="mt-2 text-sm text-slate-600">
                  Receivers verify the <code>webhook-signature</code> header with it (any Standard
                  Webhooks library does).
                </p>
                <code className="mt-1 block break-all rounded bg-slate-50 p-2 font-mono text-sm">
                  {endpoint.secret}
                </code>
              </details>
            </div>
          </Card>
          <Card title="Deliveries">
            <DeliveriesTable rows={deliveries.rows} timeZone={user.timeZone} />
            <Pagination
              firstHref={Number.isSafeInteger(before) && before > 0 ? here : null}
              firstLabel="Newest"
              nextHref={deliveries.olderCursor ? `${here}?before=${deliveries.olderCursor}` : null}
              nextLabel="Older"
            />
          </Card>
        </div>
        <Card title="Settings">
          <EndpointForm
            key={endpoint.version}
            action={updateWebhookEndpointAction.bind(null, endpoint.id)}
            endpoint={endpoint}
            submitLabel="Save"
          />
        </Card>
      </div>
    </>
  );
}
