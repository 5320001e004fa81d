import type { Metadata } from 'next';
import { NewTokenForm, RevokeTokenButton } from '@/components/settings/token-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DataTable, type Column } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import {
  API_TOKEN_SCOPE_LABELS,
  API_TOKEN_SCOPES,
  roleAllowsScope,
} from '@/lib/auth/api-token-scopes';
import { getApiTokensOfUser, type ListedApiToken } from '@/lib/auth/api-tokens';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'API tokens' };

function columns(timeZone: string): Column<ListedApiToken>[] {
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
      key: 'scopes',
      header: 'May',
      cell: (t) => (
        <span className="flex flex-wrap gap-1">
          {t.scopes.map((scope) => (
            <Badge key={scope} tone={scope === 'read' ? 'neutral' : 'brand'}>
              {API_TOKEN_SCOPE_LABELS[scope]}
            </Badge>
          ))}
        </span>
      ),
    },
    {
      key: 'expires',
      header: 'Expires',
      nowrap: true,
      cell: (t) => (
        <>
          {formatDateTime(t.expiresAt, timeZone)}{' '}
          {!t.revokedAt && t.expired && <Badge tone="red">Expired</Badge>}
        </>
      ),
    },
    {
      key: 'created',
      header: 'Created',
      nowrap: true,
      hideBelow: '2xl',
      fold: true,
      cell: (t) => formatDateTime(t.createdAt, timeZone),
    },
    {
      key: 'lastUsed',
      header: 'Last used',
      nowrap: true,
      hideBelow: '2xl',
      fold: true,
      // Recorded at most once a minute, so it may be up to a minute behind.
      cell: (t) =>
        t.lastUsedAt ? (
          <>
            {formatDateTime(t.lastUsedAt, timeZone)}
            {t.lastUsedAddress && (
              <span className="block text-xs text-slate-500">from {t.lastUsedAddress}</span>
            )}
          </>
        ) : (
          'Never'
        ),
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
        description={`Send a token as "Authorization: Bearer <token>" to /api/v1. It acts as you, with your role (${ROLE_LABELS[user.role]}), and only for what it may do: Read for GET and HEAD, Write for the other methods, Administer for the calls only Administrators make, Send log events for POST /api/v1/events and /api/ingest/es. It expires on the day chosen.`}
      />
      {/* The list takes the page's width: beside the form its columns ran under it, and the
          form's card covered the Revoke buttons. */}
      <div className="space-y-6">
        <Card title="Your tokens">
          <DataTable
            caption="Your tokens"
            columns={columns(user.timeZone)}
            rows={tokens}
            rowKey={(t) => t.id}
            framed={false}
            empty="You have no API tokens."
          />
        </Card>
        <Card title="New token" className="max-w-2xl">
          <NewTokenForm
            allowedScopes={API_TOKEN_SCOPES.filter((s) => roleAllowsScope(user.role, s))}
          />
        </Card>
      </div>
    </>
  );
}
