import type { Metadata } from 'next';
import { EndpointForm } from '@/components/webhooks/endpoint-form';
import { EndpointsTable } from '@/components/webhooks/endpoints-table';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getWebhookEndpoints } from '@/lib/webhooks/get-webhook-endpoints';
import { createWebhookEndpointAction } from './actions';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  const { user } = await requirePermission('organization.manage');
  const endpoints = await getWebhookEndpoints(getDb());
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Webhooks tell other systems what happens in Vigil. Each message is signed per Standard Webhooks, retried with backoff when the receiver fails, and kept with every answer."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Webhook endpoints" className="lg:col-span-2">
          <EndpointsTable rows={endpoints} timeZone={user.timeZone} />
        </Card>
        <Card title="New endpoint">
          <EndpointForm action={createWebhookEndpointAction} submitLabel="Add endpoint" />
        </Card>
      </div>
    </>
  );
}
