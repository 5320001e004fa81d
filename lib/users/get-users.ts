import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teamMembers, teams, users, type User } from '@/db/schema';

export type UserWithTeams = User & { teams: { id: string; name: string }[] };

export async function getUserById(db: DbOrTx, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function getUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

/** Every user, active first, with the teams each belongs to. Organizations have tens to hundreds. */
export async function getUsers(db: DbOrTx): Promise<UserWithTeams[]> {
  const rows = await db
    .select()
    .from(users)
    .orderBy(sql`${users.active} desc`, asc(users.name));
  if (rows.length === 0) return [];
  const memberships = await db
    .select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(
      inArray(
        teamMembers.userId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(teams.name));
  return rows.map((user) => ({
    ...user,
    teams: memberships.filter((m) => m.userId === user.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function getTeamIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return rows.map((r) => r.teamId);
}
