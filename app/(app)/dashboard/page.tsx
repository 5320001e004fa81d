import type { Metadata } from 'next';
import { ActivityLog } from '@/components/activity/activity-log';
import { MyWork } from '@/components/dashboard/my-work';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { getDashboardViewer, getMyWork } from '@/lib/dashboard/get-my-work';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import Link from 'next/link';
import { countIncidents } from '@/lib/incidents/get-incidents';
import { parseIncidentListParams } from '@/lib/incidents/list-params';
import { getOrganization } from '@/lib/organization/get-organization';
import { countOverdueTasks } from '@/lib/tasks/overdue';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { user } = await requirePermission('tickets.view');
  const db = getDb();
  // Account events (sign-ins, resets) are for administrators; others see their own trail.
  const canSeeAll = roleCan(user.role, 'users.manage');
  const now = new Date();
  const me = await getDashboardViewer(db, user.id);
  const viewer = {
    userId: user.id,
    teamIds: me.teams.map((team) => team.id),
    timeZone: user.timeZone,
  };
  const [organization, work, activity, overdueTasks, breached] = await Promise.all([
    getOrganization(db),
    getMyWork(db, me, { now }),
    getActivity(db, { limit: 15, actorId: canSeeAll ? undefined : user.id }),
    countOverdueTasks(db),
    countIncidents(db, parseIncidentListParams(new URLSearchParams('response=breached'), viewer)),
  ]);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${organization?.name ?? 'Your organization'} · business days in ${organization?.timeZone ?? 'UTC'}`}
      />
      <MyWork work={work} viewer={me} timeZone={user.timeZone} now={now} />
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card
          title={canSeeAll ? 'Recent activity' : 'Your recent activity'}
          className="lg:col-span-2"
        >
          <ActivityLog rows={activity} timeZone={user.timeZone} />
        </Card>
        <Card title="Across the organization" className="lg:col-span-1">
          <ul className="space-y-2 text-sm">
            <li>
              <Link
                href="/tasks?overdue=true"
                className={
                  overdueTasks ? 'font-semibold text-red-700 underline' : 'text-brand-700 underline'
                }
              >
                {overdueTasks} overdue {overdueTasks === 1 ? 'task' : 'tasks'}
              </Link>
            </li>
            <li>
              <Link
                href="/incidents?response=breached"
                className={
                  breached.count
                    ? 'font-semibold text-red-700 underline'
                    : 'text-brand-700 underline'
                }
              >
                {breached.capped ? `${breached.count}+` : breached.count}{' '}
                {breached.count === 1 ? 'incident past its' : 'incidents past their'} response
                target
              </Link>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
