import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { userRecoveryCodes, userTotp, users } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { spendSecondFactorCode } from '@/lib/auth/totp-code-check';
import type { EmailPayload } from '@/lib/email/deliver-email';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { getMfaRequirement, hasSecondFactor, secondFactorRequiredFor } from './mfa-requirement';

async function removeSecondFactor(tx: Tx, userId: string): Promise<void> {
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx.delete(userTotp).where(eq(userTotp.userId, userId));
}

/**
 * The user turns their own second factor off, proving it with a current code. Refused while
 * the organization requires one of them: they would be sent straight back to set it up.
 */
export async function disableSecondFactor(
  db: Db,
  actor: Actor,
  userId: string,
  code: string,
): Promise<void> {
  if (actor.kind !== 'user' || actor.userId !== userId)
    throw new ForbiddenError('Only the account’s owner can turn off its second factor.');
  if (secondFactorRequiredFor(actor.role, await getMfaRequirement(db)))
    throw new ConflictError('Your organization requires two-step sign-in for your role.');
  if (!(await hasSecondFactor(db, userId)))
    throw new ConflictError('Two-step sign-in is not set up.');
  if ((await spendSecondFactorCode(db, userId, code)) === 'invalid')
    throw new ValidationError(
      { code: 'That code does not match, or it was used already.' },
      'That code does not match.',
    );
  await db.transaction(async (tx) => {
    await removeSecondFactor(tx, userId);
    await recordActivity(tx, actor, {
      action: 'user.mfa-disabled',
      entityType: 'user',
      entityId: userId,
    });
  });
}

/**
 * An administrator removes a user's authenticator and recovery codes (a lost phone). The
 * user can sign in with their password alone until they set up a new one, which they are
 * made to do at once when the organization requires it. They are told by email, so a reset
 * they did not ask for does not go unnoticed.
 */
export async function resetSecondFactor(db: Db, actor: Actor, userId: string): Promise<void> {
  assertCan(actor, 'users.manage');
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw new NotFoundError('That user does not exist.');
    const [enrolment] = await tx
      .select({ userId: userTotp.userId })
      .from(userTotp)
      .where(eq(userTotp.userId, userId))
      .for('update');
    if (!enrolment) throw new ConflictError(`${user.name} has no second factor to reset.`);
    await removeSecondFactor(tx, userId);
    await recordActivity(tx, actor, {
      action: 'user.mfa-reset',
      entityType: 'user',
      entityId: userId,
    });
    const payload: EmailPayload = {
      template: 'second-factor-reset',
      to: user.email,
      props: {
        name: user.name,
        resetBy: actor.kind === 'user' ? actor.name : 'An administrator',
        reason:
          'You are getting this because an administrator reset the two-step sign-in of your Vigil account. If you did not ask for it, tell your security team.',
      },
      appPath: '/two-factor',
    };
    await enqueueOutbox(tx, { kind: 'email', topic: payload.template, payload });
  });
}
