import type { Metadata } from 'next';
import Link from 'next/link';
import { PolicyTable } from '@/components/policies/policy-table';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { inputClass } from '@/components/ui/field';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getPolicyFrameworks, getPolicyGroups } from '@/lib/policies/get-policies';

export const metadata: Metadata = { title: 'Policies' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function one(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text.slice(0, 200) : undefined;
}

function headingId(framework: string): string {
  return `framework-${framework.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

export default async function PoliciesPage({ searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const params = await searchParams;
  const db = getDb();
  const frameworks = await getPolicyFrameworks(db);
  const wanted = one(params.framework);
  // An unknown framework is no filter to apply silently: say so and show everything.
  const framework = wanted && frameworks.find((f) => f.toLowerCase() === wanted.toLowerCase());
  const q = one(params.q);
  const groups = await getPolicyGroups(db, { framework: framework || undefined, q });
  const canManage = roleCan(user.role, 'policies.manage');
  const filtered = Boolean(framework || q);

  return (
    <>
      <PageHeader
        title="Policies"
        description="The frameworks' statements and your organization's own policies, with what evidences each."
        actions={
          canManage && (
            <LinkButton href="/policies/new" variant="primary">
              New policy
            </LinkButton>
          )
        }
      />
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4"
        aria-label="Filters"
      >
        <label className="text-sm sm:col-span-2">
          <span className="mb-1 block font-medium text-slate-700">Reference or title</span>
          <input
            name="q"
            type="search"
            defaultValue={q ?? ''}
            className={inputClass}
            placeholder="PR.AA-05, 10.4.1, accounts…"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Framework</span>
          <select name="framework" defaultValue={framework || ''} className={inputClass}>
            <option value="">All frameworks</option>
            {frameworks.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2">
          <Button type="submit">Filter</Button>
          <Link href="/policies" className="text-sm text-brand-700 underline">
            Clear
          </Link>
        </div>
        {wanted && !framework && (
          <p className="text-sm text-red-700 sm:col-span-4" role="alert">
            There is no framework “{wanted}”: showing every framework.
          </p>
        )}
      </form>
      {groups.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title={filtered ? 'No policies match.' : 'No policies yet.'}>
            {filtered
              ? 'Try another reference or title, or all frameworks.'
              : canManage
                ? 'Add your organization’s own with “New policy”.'
                : 'A Power User can add your organization’s own.'}
          </EmptyState>
        </div>
      ) : (
        <div className="space-y-8">
          {groups.map((group) => (
            <section key={group.framework} aria-labelledby={headingId(group.framework)}>
              <h2
                id={headingId(group.framework)}
                className="mb-2 text-base font-semibold text-slate-900"
              >
                {group.framework === 'Custom' ? 'Your policies' : group.framework}
              </h2>
              <PolicyTable framework={group.framework} rows={group.rows} />
            </section>
          ))}
        </div>
      )}
    </>
  );
}
