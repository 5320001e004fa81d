import type { DbOrTx } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { getOrganization } from '@/lib/organization/get-organization';
import { getDashboard, type DashboardScope } from './get-dashboard';
import { getDashboardViewer, getMyWork } from './get-my-work';

/**
 * Everything the dashboard page shows, in two rounds of parallel queries: the page calls
 * this, and so does the benchmark that times it at 1,000,000 incidents and tasks.
 */
export async function loadDashboardPage(
  db: DbOrTx,
  input: { userId: string; scope: DashboardScope; canSeeAllActivity: boolean; now?: Date },
) {
  const now = input.now ?? new Date();
  const [me, organization] = await Promise.all([
    getDashboardViewer(db, input.userId),
    getOrganization(db),
  ]);
  const timeZone = organization?.timeZone ?? 'UTC';
  const [work, activity, figures] = await Promise.all([
    getMyWork(db, me, { now }),
    // Account events (sign-ins, resets) are for administrators; others see their own trail.
    getActivity(db, { limit: 15, actorId: input.canSeeAllActivity ? undefined : input.userId }),
    getDashboard(db, {
      viewer: { userId: input.userId, teamIds: me.teams.map((team) => team.id) },
      scope: input.scope,
      timeZone,
      now,
    }),
  ]);
  return { now, me, organization, timeZone, work, activity, figures };
}
