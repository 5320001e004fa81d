import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requirePermission } from '@/lib/auth/session';
import { formatDate } from '@/lib/time/format';
import { getUsers, type UserWithTeams } from '@/lib/users/get-users';

export const metadata: Metadata = { title: 'Users' };

function columns(timeZone: string): Column<UserWithTeams>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      primary: true,
      cell: (u) => (
        <Link
          href={`/settings/users/${u.id}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {u.name}
        </Link>
      ),
    },
    { key: 'email', header: 'Email', className: 'wrap-anywhere', cell: (u) => u.email },
    { key: 'role', header: 'Role', nowrap: true, cell: (u) => ROLE_LABELS[u.role] },
    {
      key: 'teams',
      header: 'Teams',
      hideBelow: 'lg',
      fold: true,
      cell: (u) => u.teams.map((t) => t.name).join(', ') || '—',
    },
    {
      key: 'timeZone',
      header: 'Time zone',
      nowrap: true,
      hideBelow: 'xl',
      fold: true,
      cell: (u) => u.timeZone,
    },
    {
      key: 'status',
      header: 'Status',
      nowrap: true,
      cell: (u) => (u.active ? <Badge tone="green">Active</Badge> : <Badge>Deactivated</Badge>),
    },
    {
      key: 'created',
      header: 'Created',
      nowrap: true,
      hideBelow: 'xl',
      fold: true,
      cell: (u) => formatDate(u.createdAt, timeZone),
    },
  ];
}

export default async function UsersPage() {
  const { user: viewer } = await requirePermission('users.manage');
  const users = await getUsers(getDb());
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Vigil. Users are deactivated, never deleted: the activity log keeps referring to them."
        actions={
          <LinkButton href="/settings/users/new" variant="primary">
            New user
          </LinkButton>
        }
      />
      <DataTable
        caption="Users"
        columns={columns(viewer.timeZone)}
        rows={users}
        rowKey={(u) => u.id}
        rowClassName={(u) => (u.active ? '' : 'text-slate-500')}
        empty="No users yet."
      />
    </>
  );
}
