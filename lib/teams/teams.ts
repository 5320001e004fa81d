import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { teamMembers, teams, type Team } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';

// A team (the outside SOC "TRAC", the network group) can own incidents and tasks:
// each of its members is then an owner.

export const createTeamInput = z.object({
  name: z.string().max(80, 'Use at most 80 characters.').trim().min(1, 'Enter a team name.'),
  description: z.string().max(500, 'Use at most 500 characters.').trim().default(''),
});

export async function createTeam(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof createTeamInput>,
): Promise<Team> {
  assertCan(actor, 'users.manage');
  const input = parseInput(createTeamInput, rawInput);
  try {
    return await db.transaction(async (tx) => {
      const [team] = await tx.insert(teams).values(input).returning();
      await recordActivity(tx, actor, {
        action: 'team.created',
        entityType: 'team',
        entityId: team.id,
        changes: { name: { old: null, new: team.name } },
      });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'teams_name_lower_key')) {
      throw new ValidationError({ name: 'A team with this name already exists.' });
    }
    throw error;
  }
}

export async function getTeams(db: DbOrTx): Promise<(Team & { memberCount: number })[]> {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      description: teams.description,
      createdAt: teams.createdAt,
      memberCount: count(teamMembers.userId),
    })
    .from(teams)
    .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.name));
}
