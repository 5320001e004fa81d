import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { incidents, teamMembers, teams, users, type Incident, type Role, type User } from '../../db/schema';
import type { UserActor } from '../../lib/auth/actor';

// Rows written straight into the tables: list, export and bulk-close tests need many
// incidents with chosen timestamps, which the domain functions (rightly) do not allow.

let counter = 0;

export async function insertUser(db: Db, role: Role = 'user', extra: { name?: string; timeZone?: string; teamIds?: string[] } = {}): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${counter}-${randomUUID().slice(0, 6)}@example.com`, name: extra.name ?? `${role} ${counter}`, role, timeZone: extra.timeZone ?? 'UTC' })
    .returning();
  if (extra.teamIds?.length) await db.insert(teamMembers).values(extra.teamIds.map((teamId) => ({ teamId, userId: user.id })));
  return user;
}

export async function insertTeam(db: Db, name: string): Promise<string> {
  const [team] = await db.insert(teams).values({ name: `${name} ${randomUUID().slice(0, 6)}` }).returning({ id: teams.id });
  return team.id;
}

export function actorOf(user: User): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role, timeZone: user.timeZone };
}

export type IncidentValues = Partial<typeof incidents.$inferInsert>;

export async function insertIncidents(db: Db, rows: IncidentValues[]): Promise<Incident[]> {
  if (!rows.length) return [];
  const now = Date.now();
  return db
    .insert(incidents)
    .values(rows.map((row, i) => ({ title: `Incident ${i}`, responseDueAt: new Date(now + 86_400_000), ...row })))
    .returning();
}
