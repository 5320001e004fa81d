import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { teamMembers, teams } from '@/db/schema';
import { ValidationError } from '@/lib/errors';

/** Makes the user's memberships exactly `teamIds`; returns the team names before and after. */
export async function setUserTeams(tx: Tx, userId: string, teamIds: string[]) {
  const wanted = [...new Set(teamIds)];
  if (wanted.length) {
    const found = await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, wanted));
    if (found.length !== wanted.length)
      throw new ValidationError({ teamIds: 'One of the chosen teams no longer exists.' });
  }
  const before = await teamNames(tx, userId);
  await tx
    .delete(teamMembers)
    .where(
      wanted.length
        ? and(eq(teamMembers.userId, userId), notInArray(teamMembers.teamId, wanted))
        : eq(teamMembers.userId, userId),
    );
  if (wanted.length) {
    await tx
      .insert(teamMembers)
      .values(wanted.map((teamId) => ({ teamId, userId })))
      .onConflictDoNothing();
  }
  return { before, after: await teamNames(tx, userId) };
}

async function teamNames(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId));
  return rows.map((r) => r.name).sort();
}
