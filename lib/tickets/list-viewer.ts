import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teamMembers } from '@/db/schema';

/** Who reads a list, as its parser needs them. */
export type ListViewer = { userId: string; teamIds: string[]; timeZone?: string };

/**
 * Who reads the list (incidents and tasks alike): "owner=me" covers the viewer's teams,
 * and dates without a time are days in the viewer's zone.
 */
export async function getListViewer(
  db: DbOrTx,
  user: { id: string; timeZone?: string | null },
): Promise<ListViewer> {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, user.id));
  return { userId: user.id, teamIds: rows.map((r) => r.teamId), timeZone: user.timeZone ?? 'UTC' };
}
