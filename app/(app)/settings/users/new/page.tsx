import type { Metadata } from 'next';
import { NewUserForm } from '@/components/settings/new-user-form';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getOrganization } from '@/lib/organization/get-organization';
import { getTeams } from '@/lib/teams/teams';

export const metadata: Metadata = { title: 'New user' };

export default async function NewUserPage() {
  await requirePermission('users.manage');
  const db = getDb();
  const [teams, organization] = await Promise.all([getTeams(db), getOrganization(db)]);
  return (
    <>
      <PageHeader title="New user" />
      <NewUserForm teams={teams} defaultTimeZone={organization?.timeZone ?? 'UTC'} />
    </>
  );
}
