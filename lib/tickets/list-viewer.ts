import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teamMembers } from '@/db/schema';
import { getKnownPolicies, type KnownPolicies } from '@/lib/list/policy-filter';

/**
 * Who reads a list, as its parser needs them; `policies` is what the policy and framework
 * filters are checked against (without it, any policy or framework is refused as unknown).
 */
export type ListViewer = {
  userId: string;
  teamIds: string[];
  timeZone?: string;
  policies?: KnownPolicies;
};

/**
 * Who reads the list (incidents, tasks and schedules alike): "owner=me" covers the viewer's
 * teams, dates without a time are days in the viewer's zone, and the policies that exist.
 */
export async function getListViewer(
  db: DbOrTx,
  user: { id: string; timeZone?: string | null },
): Promise<ListViewer> {
  const [rows, policies] = await Promise.all([
    db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(eq(teamMembers.userId, user.id)),
    getKnownPolicies(db),
  ]);
  return {
    userId: user.id,
    teamIds: rows.map((r) => r.teamId),
    timeZone: user.timeZone ?? 'UTC',
    policies,
  };
}
