import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teamMembers } from '@/db/schema';
import type { IncidentListViewer } from './list-params';

/**
 * Who reads the list, as its parser needs them: "owner=me" covers the viewer's teams, and
 * dates without a time are days in the viewer's zone.
 */
export async function getIncidentListViewer(db: DbOrTx, user: { id: string; timeZone?: string | null }): Promise<IncidentListViewer> {
  const rows = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, user.id));
  return { userId: user.id, teamIds: rows.map((r) => r.teamId), timeZone: user.timeZone ?? 'UTC' };
}
