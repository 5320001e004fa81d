import type { Metadata } from 'next';
import { TriggerTable } from '@/components/triggers/trigger-table';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getDb } from '@/db/client';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { ruleInWords } from '@/lib/triggers/describe';
import { TRIGGER_EXAMPLES } from '@/lib/triggers/examples';
import { getTriggers } from '@/lib/triggers/get-triggers';

export const metadata: Metadata = { title: 'Triggers' };

type Props = { searchParams: Promise<{ cursor?: string }> };

export default async function TriggersPage({ searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const { cursor } = await searchParams;
  const page = await getTriggers(getDb(), { cursor: typeof cursor === 'string' ? cursor : null });
  const canManage = roleCan(user.role, 'triggers.manage');

  return (
    <>
      <PageHeader
        title="Triggers"
        description="Saved event queries that open an incident when they match: each window counted once, a minute after it ends."
        actions={
          canManage && (
            <LinkButton href="/triggers/new" variant="primary">
              New trigger
            </LinkButton>
          )
        }
      />
      <TriggerTable
        rows={page.rows}
        timeZone={user.timeZone}
        empty={
          <EmptyState title="No triggers yet.">
            {canManage
              ? 'Create one, or add one from the examples below.'
              : 'Power Users and Administrators create them.'}
          </EmptyState>
        }
      />
      <Pagination
        firstHref={cursor ? '/triggers' : null}
        nextHref={page.nextCursor && `/triggers?cursor=${encodeURIComponent(page.nextCursor)}`}
      />
      {canManage && (
        <div className="mt-8">
          <Card title="Add from example">
            <p className="mb-3 text-sm text-slate-600">
              Triggers for the library’s Windows queries. Adding one copies it into a new trigger
              for you to review; later changes to the example never change your copy.
            </p>
            <ul className="divide-y divide-slate-100">
              {TRIGGER_EXAMPLES.map((example) => (
                <li
                  key={example.key}
                  className="flex flex-wrap items-start justify-between gap-3 py-3"
                >
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="font-medium text-slate-900">{example.name}</p>
                    <p className="text-slate-600">{example.description}</p>
                    <p className="mt-1 text-xs text-slate-500">
                      <code className="font-mono">{example.query}</code> · {ruleInWords(example)}
                    </p>
                  </div>
                  <LinkButton href={`/triggers/new?example=${example.key}`} size="sm">
                    Add from example
                  </LinkButton>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </>
  );
}
