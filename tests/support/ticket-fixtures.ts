import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { teamMembers, teams, users, type Role, type User } from '../../db/schema';
import { userActor, type UserActor } from '../../lib/auth/actor';

// The people every ticket test needs (incidents and tasks alike), written straight into
// the tables.

let counter = 0;

export async function insertUser(
  db: Db,
  role: Role = 'user',
  extra: { name?: string; timeZone?: string; teamIds?: string[] } = {},
): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${counter}-${randomUUID().slice(0, 6)}@example.com`,
      name: extra.name ?? `${role} ${counter}`,
      role,
      timeZone: extra.timeZone ?? 'UTC',
    })
    .returning();
  if (extra.teamIds?.length)
    await db
      .insert(teamMembers)
      .values(extra.teamIds.map((teamId) => ({ teamId, userId: user.id })));
  return user;
}

export async function insertTeam(db: Db, name: string): Promise<string> {
  const [team] = await db
    .insert(teams)
    .values({ name: `${name} ${randomUUID().slice(0, 6)}` })
    .returning({ id: teams.id });
  return team.id;
}

export function actorOf(user: User): UserActor {
  return userActor(user);
}
