import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { users, type User } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { createUserInput, type CreateUserInput } from './schemas';
import { queuePasswordLink } from './password-links';
import { setUserTeams } from './set-user-teams';

export type CreatedUser = {
  user: User;
  /** Present when Vigil generated the password: show it once, it is not stored. */
  generatedPassword?: string;
};

/**
 * Creates an account and, unless told not to, queues the invitation email (a set-password
 * link, never a password) in the same transaction. The generated password is still returned
 * for the administrator to hand over once: installs without mail keep working.
 */
export async function createUser(
  db: Db,
  actor: Actor,
  rawInput: CreateUserInput,
): Promise<CreatedUser> {
  assertCan(actor, 'users.manage');
  const input = parseInput(createUserInput, rawInput);
  const generatedPassword = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);

  try {
    const user = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          role: input.role,
          timeZone: input.timeZone,
          passwordHash,
        })
        .returning();
      const { after: teamNames } = await setUserTeams(tx, user.id, input.teamIds);
      const invitationExpiresAt = input.invite
        ? await queuePasswordLink(tx, actor, user, 'invitation')
        : undefined;
      await recordActivity(tx, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        changes: {
          email: { old: null, new: user.email },
          name: { old: null, new: user.name },
          role: { old: null, new: user.role },
          timeZone: { old: null, new: user.timeZone },
          ...(teamNames.length ? { teams: { old: [], new: teamNames } } : {}),
          ...(invitationExpiresAt
            ? { invitationExpiresAt: { old: null, new: invitationExpiresAt.toISOString() } }
            : {}),
        },
      });
      return user;
    });
    return { user, generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_lower_key')) {
      throw new ValidationError({ email: 'A user with this email address already exists.' });
    }
    throw error;
  }
}
