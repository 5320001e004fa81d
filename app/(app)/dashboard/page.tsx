import type { Metadata } from 'next';
import { ActivityLog } from '@/components/activity/activity-log';
import { MyWork } from '@/components/dashboard/my-work';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { DashboardOverview } from '@/components/dashboard/overview';
import { RunningNoticeClocks } from '@/components/notice-clocks/running-clocks';
import { parseDashboardScope } from '@/lib/dashboard/get-dashboard';
import { loadDashboardPage } from '@/lib/dashboard/load-dashboard-page';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Dashboard' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SCOPES = [
  { scope: 'everyone', label: 'Everyone', href: '/dashboard' },
  { scope: 'my-teams', label: 'Me and my teams', href: '/dashboard?scope=my-teams' },
] as const;

export default async function DashboardPage({ searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const scope = parseDashboardScope((await searchParams).scope);
  const { now, me, organization, timeZone, work, activity, figures } = await loadDashboardPage(
    getDb(),
    { userId: user.id, scope, canSeeAllActivity: roleCan(user.role, 'users.manage') },
  );
  const canSeeAll = roleCan(user.role, 'users.manage');
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${organization?.name ?? 'Your organization'} · business days in ${timeZone}`}
      />
      <MyWork work={work} viewer={me} timeZone={user.timeZone} now={now} />
      <section aria-labelledby="figures-heading" className="mt-8 space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="figures-heading" className="text-lg font-semibold text-slate-900">
              {scope === 'my-teams' ? 'Figures for you and your teams' : 'Figures for everyone'}
            </h2>
            <p className="text-sm text-slate-600">
              Days, weeks (from Monday) and months in {timeZone}. Every number opens the list it
              counts.
            </p>
          </div>
          <nav
            aria-label="Whose figures"
            className="flex gap-1 rounded-md border border-slate-200 p-1"
          >
            {SCOPES.map((option) => (
              <Link
                key={option.scope}
                href={option.href}
                aria-current={option.scope === scope ? 'page' : undefined}
                className={
                  option.scope === scope
                    ? 'rounded bg-brand-700 px-3 py-1 text-sm font-medium text-white'
                    : 'rounded px-3 py-1 text-sm text-slate-700 hover:bg-slate-100'
                }
              >
                {option.label}
              </Link>
            ))}
          </nav>
        </div>
        <RunningNoticeClocks timeZone={user.timeZone} />
        <DashboardOverview data={figures} />
      </section>
      <Card title={canSeeAll ? 'Recent activity' : 'Your recent activity'} className="mt-8">
        <ActivityLog rows={activity} timeZone={user.timeZone} />
      </Card>
    </>
  );
}
