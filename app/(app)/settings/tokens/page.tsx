import type { Metadata } from 'next';
import { NewTokenForm, RevokeTokenButton } from '@/components/settings/token-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DataTable, type Column } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import type { ApiToken } from '@/db/schema';
import { getDb } from '@/db/client';
import { API_TOKEN_SCOPE_LABELS } from '@/lib/auth/api-token-scopes';
import { getApiTokensOfUser } from '@/lib/auth/api-tokens';
import { roleCan } from '@/lib/auth/permissions';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'API tokens' };

function columns(timeZone: string): Column<ApiToken>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      primary: true,
      cell: (t) => (
        <>
          <span className="font-medium">{t.name}</span>{' '}
          <code className="text-xs text-slate-500">{t.prefix}…</code>{' '}
          {t.revokedAt && <Badge tone="red">Revoked</Badge>}
        </>
      ),
    },
    {
      key: 'scope',
      header: 'Scope',
      nowrap: true,
      cell: (t) => (
        <Badge tone={t.scope === 'api' ? 'neutral' : 'brand'}>
          {API_TOKEN_SCOPE_LABELS[t.scope]}
        </Badge>
      ),
    },
    {
      key: 'created',
      header: 'Created',
      nowrap: true,
      hideBelow: 'md',
      fold: true,
      cell: (t) => formatDateTime(t.createdAt, timeZone),
    },
    {
      key: 'lastUsed',
      header: 'Last used',
      nowrap: true,
      hideBelow: 'md',
      fold: true,
      cell: (t) => formatDateTime(t.lastUsedAt, timeZone),
    },
    {
      key: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      nowrap: true,
      cell: (t) => !t.revokedAt && <RevokeTokenButton tokenId={t.id} name={t.name} />,
    },
  ];
}

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await getApiTokensOfUser(getDb(), user.id);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Send a token as "Authorization: Bearer <token>" to /api/v1. It acts as you, with your role (${ROLE_LABELS[user.role]}). A token that may only send log events works with POST /api/v1/events and the Elasticsearch-compatible endpoint /api/ingest/es, and nowhere else.`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Your tokens" className="lg:col-span-2">
          <DataTable
            caption="Your tokens"
            columns={columns(user.timeZone)}
            rows={tokens}
            rowKey={(t) => t.id}
            framed={false}
            empty="You have no API tokens."
          />
        </Card>
        <Card title="New token">
          <NewTokenForm canIngest={roleCan(user.role, 'events.ingest')} />
        </Card>
      </div>
    </>
  );
}
