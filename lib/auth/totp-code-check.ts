import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userTotp } from '@/db/schema';
import { consumeRecoveryCode } from '@/lib/users/mfa-recovery-codes';
import { matchTotpCode } from './totp';
import { decryptTotpSecret, looksLikeRecoveryCode } from './totp-secret';

export type CodeCheck = 'totp' | 'recovery' | 'invalid';

/**
 * Checks a code from the user's authenticator app, or one of their recovery codes, against
 * their confirmed enrolment, and uses it up: the TOTP step is recorded (a conditional update,
 * so two requests racing with one code cannot both pass) and a recovery code is marked used.
 */
export async function spendSecondFactorCode(
  db: DbOrTx,
  userId: string,
  code: string,
): Promise<CodeCheck> {
  if (looksLikeRecoveryCode(code))
    return (await consumeRecoveryCode(db, userId, code)) ? 'recovery' : 'invalid';
  const [row] = await db
    .select()
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
  const secret = row && decryptTotpSecret(row.secretEncrypted);
  if (!secret) return 'invalid';
  const step = await matchTotpCode(secret, code, row.lastUsedStep);
  if (step === undefined) return 'invalid';
  return (await recordUsedStep(db, userId, step)) ? 'totp' : 'invalid';
}

/** Records the step unless a request meanwhile used this step or a later one. */
export async function recordUsedStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const updated = await db
    .update(userTotp)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(userTotp.userId, userId),
        or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return updated.length === 1;
}
