import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { teamMembers, teams } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { PERMISSIONS, roleCan } from '@/lib/auth/permissions';
import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import { ownerJson } from './ticket-json';

// GET /api/v1/me: who a token acts as, and what it may do. The person and their teams come
// as the owner objects incidents, tasks and schedules answer with, so a client can match them.

export const meJson = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string().meta({ example: 'Power User' }),
  timeZone: z
    .string()
    .nullable()
    .meta({ description: 'CSV exports write times in this zone.', example: 'America/Chicago' }),
  permissions: z.array(z.enum(PERMISSIONS as [string, ...string[]])),
  owner: ownerJson.unwrap().meta({
    description: 'This person as an owner: send "user:<id>" as `owner` to assign them.',
  }),
  teams: z.array(ownerJson.unwrap()).meta({ description: 'The teams they are a member of.' }),
});
export type MeJson = z.infer<typeof meJson>;

export async function toMeJson(db: DbOrTx, actor: UserActor): Promise<MeJson> {
  const memberOf = await db
    .select({ id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, actor.userId))
    .orderBy(asc(teams.name));
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    timeZone: actor.timeZone ?? null,
    permissions: PERMISSIONS.filter((p) => roleCan(actor.role, p)),
    owner: { type: 'user', id: actor.userId, name: actor.name },
    teams: memberOf.map((team) => ({ type: 'team' as const, ...team })),
  };
}
