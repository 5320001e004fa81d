import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { userTotp, type User } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { matchTotpCode, newTotpSecret, totpUri } from '@/lib/auth/totp';
import { spendSecondFactorCode } from '@/lib/auth/totp-code-check';
import { decryptTotpSecret, encryptTotpSecret } from '@/lib/auth/totp-secret';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { replaceRecoveryCodes } from './mfa-recovery-codes';

export type PendingEnrolment = { secret: string; uri: string };

/** Every change to a second factor is made by its owner, signed in; administrators only reset. */
function assertSelf(actor: Actor, userId: string): void {
  if (actor.kind !== 'user' || actor.userId !== userId)
    throw new ForbiddenError('Only the account’s owner can change its second factor.');
}

/**
 * The secret being set up, made on first call and kept until confirmed, so reloading the page
 * shows the same QR code. It protects nothing until confirmed, hence no activity row. Undefined
 * when the user already has a confirmed authenticator: its secret is never shown again.
 */
export async function getOrStartTotpEnrolment(
  db: DbOrTx,
  user: Pick<User, 'id' | 'email'>,
): Promise<PendingEnrolment | undefined> {
  await db
    .insert(userTotp)
    .values({ userId: user.id, secretEncrypted: encryptTotpSecret(newTotpSecret()) })
    .onConflictDoNothing();
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, user.id));
  if (!row || row.confirmedAt) return undefined;
  let secret = decryptTotpSecret(row.secretEncrypted);
  if (!secret) {
    // Encrypted under an earlier AUTH_SECRET: nobody can finish that setup, so start afresh.
    secret = newTotpSecret();
    await db
      .update(userTotp)
      .set({ secretEncrypted: encryptTotpSecret(secret) })
      .where(and(eq(userTotp.userId, user.id), isNull(userTotp.confirmedAt)));
  }
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Turns the pending secret on once the user proves their app has it (a current code), and
 * returns ten new recovery codes, shown once. The code used here cannot be used again.
 */
export async function confirmTotpEnrolment(
  db: Db,
  actor: Actor,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  assertSelf(actor, userId);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, userId)).for('update');
    if (!row) throw new ConflictError('Start the setup again: reload this page.');
    if (row.confirmedAt) throw new ConflictError('Two-step sign-in is already set up.');
    const secret = decryptTotpSecret(row.secretEncrypted);
    const step = secret && (await matchTotpCode(secret, code, row.lastUsedStep));
    if (!step)
      throw new ValidationError(
        { code: 'That code does not match. Enter the six digits your app shows now.' },
        'That code does not match.',
      );
    await tx
      .update(userTotp)
      .set({ confirmedAt: new Date(), lastUsedStep: step })
      .where(eq(userTotp.userId, userId));
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await recordActivity(tx, actor, {
      action: 'user.mfa-enrolled',
      entityType: 'user',
      entityId: userId,
    });
    return { recoveryCodes };
  });
}

/** Checks a current code (app or recovery) before a change that weakens or reissues the factor. */
async function assertCurrentCode(db: DbOrTx, userId: string, code: string): Promise<void> {
  if ((await spendSecondFactorCode(db, userId, code)) === 'invalid')
    throw new ValidationError(
      { code: 'That code does not match, or it was used already.' },
      'That code does not match.',
    );
}

/** New recovery codes for the signed-in user (a current code first); the old ones stop working. */
export async function regenerateRecoveryCodes(
  db: Db,
  actor: Actor,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  assertSelf(actor, userId);
  await assertCurrentCode(db, userId, code);
  return db.transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await recordActivity(tx, actor, {
      action: 'user.mfa-recovery-codes-regenerated',
      entityType: 'user',
      entityId: userId,
    });
    return { recoveryCodes };
  });
}
