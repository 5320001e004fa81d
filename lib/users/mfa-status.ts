import type { DbOrTx } from '@/db/client';
import type { User } from '@/db/schema';
import { countUnusedRecoveryCodes } from './mfa-recovery-codes';
import { getMfaRequirement, hasSecondFactor, secondFactorRequiredFor } from './mfa-requirement';

export type SecondFactorStatus = {
  enrolled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
};

/** What Settings shows about a user's second factor (never its secret). */
export async function getSecondFactorStatus(
  db: DbOrTx,
  user: Pick<User, 'id' | 'role'>,
): Promise<SecondFactorStatus> {
  const [enrolled, requirement, recoveryCodesLeft] = await Promise.all([
    hasSecondFactor(db, user.id),
    getMfaRequirement(db),
    countUnusedRecoveryCodes(db, user.id),
  ]);
  return { enrolled, required: secondFactorRequiredFor(user.role, requirement), recoveryCodesLeft };
}
