import type { Metadata } from 'next';
import { ActivityList } from '@/components/activity/activity-list';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getOrganization } from '@/lib/organization/get-organization';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { user } = await requirePermission('tickets.view');
  const db = getDb();
  // Account events (sign-ins, resets) are for administrators; others see their own trail.
  const canSeeAll = roleCan(user.role, 'users.manage');
  const [organization, activity] = await Promise.all([getOrganization(db), getActivity(db, { limit: 15, actorId: canSeeAll ? undefined : user.id })]);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${organization?.name ?? 'Your organization'} · business days in ${organization?.timeZone ?? 'UTC'}`}
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card title="What needs attention" className="lg:col-span-1">
          <p className="text-sm text-slate-600">
            Overdue tasks and incidents breaching their response target will be counted here.
          </p>
        </Card>
        <Card title={canSeeAll ? 'Recent activity' : 'Your recent activity'} className="lg:col-span-2">
          <ActivityList rows={activity} timeZone={user.timeZone} />
        </Card>
      </div>
    </>
  );
}
