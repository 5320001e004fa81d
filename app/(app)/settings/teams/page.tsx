import type { Metadata } from 'next';
import { NewTeamForm } from '@/components/settings/new-team-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getTeams } from '@/lib/teams/teams';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage() {
  await requirePermission('users.manage');
  const teams = await getTeams(getDb());
  return (
    <>
      <PageHeader
        title="Teams"
        description="A team can own incidents and tasks; each member is then an owner. Add people to teams from their user page."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Teams" className="lg:col-span-2">
          <ul className="divide-y divide-slate-100">
            {teams.map((team) => (
              <li key={team.id} className="py-3">
                <p className="font-medium">
                  {team.name}{' '}
                  <span className="text-sm font-normal text-slate-500">
                    · {team.memberCount} member{team.memberCount === 1 ? '' : 's'}
                  </span>
                </p>
                {team.description && <p className="text-sm text-slate-600">{team.description}</p>}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="New team">
          <NewTeamForm />
        </Card>
      </div>
    </>
  );
}
