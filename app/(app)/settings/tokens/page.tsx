import type { Metadata } from 'next';
import { NewTokenForm, RevokeTokenButton } from '@/components/settings/token-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getApiTokensOfUser } from '@/lib/auth/api-tokens';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await getApiTokensOfUser(getDb(), user.id);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Send a token as "Authorization: Bearer <token>" to /api/v1. It acts as you, with your role (${ROLE_LABELS[user.role]}).`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Your tokens" className="lg:col-span-2">
          {tokens.length === 0 ? (
            <p className="text-sm text-slate-500">You have no API tokens.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {tokens.map((t) => (
                <li key={t.id} className="flex items-center justify-between gap-4 py-3 text-sm">
                  <div>
                    <p className="font-medium">
                      {t.name} <code className="text-xs text-slate-500">{t.prefix}…</code>{' '}
                      {t.revokedAt && <Badge tone="red">Revoked</Badge>}
                    </p>
                    <p className="text-xs text-slate-500">
                      Created {formatDateTime(t.createdAt, user.timeZone)} · last used {formatDateTime(t.lastUsedAt, user.timeZone)}
                    </p>
                  </div>
                  {!t.revokedAt && <RevokeTokenButton tokenId={t.id} name={t.name} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="New token">
          <NewTokenForm />
        </Card>
      </div>
    </>
  );
}
