import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, type User } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { assertAnAdministratorRemains, lockAdministratorChanges } from './last-admin-guard';
import { updateUserInput, type UpdateUserInput } from './schemas';
import { setUserTeams } from './set-user-teams';

/** An administrator changes a user's name, role, time zone or teams. */
export async function updateUser(
  db: Db,
  actor: Actor,
  userId: string,
  rawInput: UpdateUserInput,
): Promise<User> {
  assertCan(actor, 'users.manage');
  const input = parseInput(updateUserInput, rawInput);

  return db.transaction(async (tx) => {
    if (input.role) await lockAdministratorChanges(tx);
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new NotFoundError('That user does not exist.');

    const { teamIds, ...fields } = input;
    const changes = diffFields(before, fields, ['name', 'role', 'timeZone']);
    let after = before;
    if (Object.keys(changes).length) {
      [after] = await tx
        .update(users)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(users.id, userId))
        .returning();
      if (changes.role) await assertAnAdministratorRemains(tx, 'role');
    }
    if (teamIds) {
      const teams = await setUserTeams(tx, userId, teamIds);
      if (teams.before.join() !== teams.after.join())
        changes.teams = { old: teams.before, new: teams.after };
    }
    if (Object.keys(changes).length) {
      await recordActivity(tx, actor, {
        action: 'user.updated',
        entityType: 'user',
        entityId: userId,
        changes,
      });
    }
    return after;
  });
}
