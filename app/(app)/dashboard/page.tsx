import type { Metadata } from 'next';
import { ActivityLog } from '@/components/activity/activity-log';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import Link from 'next/link';
import { countIncidents } from '@/lib/incidents/get-incidents';
import { parseIncidentListParams } from '@/lib/incidents/list-params';
import { getIncidentListViewer } from '@/lib/incidents/list-viewer';
import { getOrganization } from '@/lib/organization/get-organization';
import { countOverdueTasks } from '@/lib/tasks/overdue';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { user } = await requirePermission('tickets.view');
  const db = getDb();
  // Account events (sign-ins, resets) are for administrators; others see their own trail.
  const canSeeAll = roleCan(user.role, 'users.manage');
  const viewer = await getIncidentListViewer(db, user);
  const [organization, activity, overdueTasks, myOverdueTasks, breached] = await Promise.all([
    getOrganization(db),
    getActivity(db, { limit: 15, actorId: canSeeAll ? undefined : user.id }),
    countOverdueTasks(db),
    countOverdueTasks(db, viewer),
    countIncidents(db, parseIncidentListParams(new URLSearchParams('response=breached'), viewer)),
  ]);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${organization?.name ?? 'Your organization'} · business days in ${organization?.timeZone ?? 'UTC'}`}
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card title="What needs attention" className="lg:col-span-1">
          <ul className="space-y-2 text-sm">
            <li>
              <Link href="/tasks?overdue=true" className={overdueTasks ? 'font-semibold text-red-700 underline' : 'text-brand-700 underline'}>
                {overdueTasks} overdue {overdueTasks === 1 ? 'task' : 'tasks'}
              </Link>
              {overdueTasks > 0 && (
                <>
                  {' '}
                  (
                  <Link href="/tasks?overdue=true&owner=me" className="text-brand-700 underline">
                    {myOverdueTasks} yours
                  </Link>
                  )
                </>
              )}
            </li>
            <li>
              <Link href="/incidents?response=breached" className={breached.count ? 'font-semibold text-red-700 underline' : 'text-brand-700 underline'}>
                {breached.capped ? `${breached.count}+` : breached.count} {breached.count === 1 ? 'incident past its' : 'incidents past their'} response target
              </Link>
            </li>
          </ul>
        </Card>
        <Card title={canSeeAll ? 'Recent activity' : 'Your recent activity'} className="lg:col-span-2">
          <ActivityLog rows={activity} timeZone={user.timeZone} />
        </Card>
      </div>
    </>
  );
}
