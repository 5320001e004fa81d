import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requirePermission } from '@/lib/auth/session';
import { formatDate } from '@/lib/time/format';
import { getUsers } from '@/lib/users/get-users';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const { user: viewer } = await requirePermission('users.manage');
  const users = await getUsers(getDb());
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Vigil. Users are deactivated, never deleted: the activity log keeps referring to them."
        actions={
          <Link href="/settings/users/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            New user
          </Link>
        }
      />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Email</th>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="px-4 py-3">Teams</th>
              <th scope="col" className="px-4 py-3">Time zone</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="px-4 py-3">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} className={u.active ? '' : 'text-slate-400'}>
                <td className="px-4 py-3 font-medium">
                  <Link href={`/settings/users/${u.id}`} className="text-brand-700 hover:underline">
                    {u.name}
                  </Link>
                </td>
                <td className="px-4 py-3">{u.email}</td>
                <td className="px-4 py-3">{ROLE_LABELS[u.role]}</td>
                <td className="px-4 py-3">{u.teams.map((t) => t.name).join(', ') || '—'}</td>
                <td className="px-4 py-3">{u.timeZone}</td>
                <td className="px-4 py-3">{u.active ? <Badge tone="green">Active</Badge> : <Badge>Deactivated</Badge>}</td>
                <td className="px-4 py-3 whitespace-nowrap">{formatDate(u.createdAt, viewer.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
