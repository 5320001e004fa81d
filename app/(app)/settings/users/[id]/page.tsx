import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActivityLog } from '@/components/activity/activity-log';
import { AccountActions } from '@/components/settings/account-actions';
import { EditUserForm } from '@/components/settings/edit-user-form';
import { MfaReset } from '@/components/settings/mfa-reset';
import { UnlockSignIn } from '@/components/settings/unlock-sign-in';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { requirePermission } from '@/lib/auth/session';
import { getTeams } from '@/lib/teams/teams';
import { getTeamIdsOfUser, getUserById } from '@/lib/users/get-users';
import { getSecondFactorStatus } from '@/lib/users/mfa-status';
import { getSignInThrottleStatus } from '@/lib/users/sign-in-throttle-status';

export const metadata: Metadata = { title: 'User' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { user: viewer } = await requirePermission('users.manage');
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = getDb();
  const user = await getUserById(db, id);
  if (!user) notFound();
  const [teams, teamIds, activity, throttle, secondFactor] = await Promise.all([
    getTeams(db),
    getTeamIdsOfUser(db, id),
    getActivity(db, { entityType: 'user', entityId: id, limit: 30 }),
    getSignInThrottleStatus(db, user.email),
    getSecondFactorStatus(db, user),
  ]);
  return (
    <>
      <PageHeader
        title={user.name}
        description={
          <>
            {user.email} {!user.active && <Badge>Deactivated</Badge>}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Details">
          <EditUserForm
            user={{
              id: user.id,
              name: user.name,
              role: user.role,
              timeZone: user.timeZone,
              teamIds,
            }}
            teams={teams}
          />
        </Card>
        <div className="space-y-6">
          <Card title="Account">
            <AccountActions userId={user.id} name={user.name} active={user.active} />
          </Card>
          <Card title="Two-step sign-in">
            <MfaReset userId={user.id} name={user.name} {...secondFactor} />
          </Card>
          {/* Always shown: after an unlock the count is 0, and the confirmation must stay. */}
          <Card title="Failed sign-ins">
            <UnlockSignIn userId={user.id} name={user.name} {...throttle} />
          </Card>
          <Card title="History">
            <ActivityLog rows={activity} timeZone={viewer.timeZone} />
          </Card>
        </div>
      </div>
    </>
  );
}
