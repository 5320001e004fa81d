import type { Db, Tx } from '@/db/client';
import type { User } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { countUnusedRecoveryCodes } from '@/lib/users/mfa-recovery-codes';
import { hasSecondFactor } from '@/lib/users/mfa-requirement';
import { userActor } from './actor';
import { spendSecondFactorCode } from './totp-code-check';

export type SignInSecondFactor = {
  outcome: 'required' | 'invalid' | 'totp' | 'recovery';
  /** Writes what the code step leaves in the log, in the sign-in's transaction. */
  record: (tx: Tx) => Promise<void>;
};

/**
 * The second step of signing in, after a correct password: null when the account has no
 * second factor, otherwise whether the code given (if any) lets the sign-in through. Called
 * within the password step's throttled attempt, so code guesses are slowed like passwords.
 */
export async function checkSignInSecondFactor(
  db: Db,
  user: User,
  code: string | undefined,
): Promise<SignInSecondFactor | null> {
  if (!(await hasSecondFactor(db, user.id))) return null;
  const nothing = async () => {};
  if (!code?.trim()) return { outcome: 'required', record: nothing };
  const outcome = await spendSecondFactorCode(db, user.id, code);
  if (outcome !== 'recovery') return { outcome, record: nothing };
  return {
    outcome,
    record: async (tx) =>
      // Worth a line of its own: someone signed in without the authenticator app.
      recordActivity(tx, userActor(user), {
        action: 'user.mfa-recovery-code-used',
        entityType: 'user',
        entityId: user.id,
        changes: {
          recoveryCodesLeft: { old: null, new: await countUnusedRecoveryCodes(tx, user.id) },
        },
      }),
  };
}
