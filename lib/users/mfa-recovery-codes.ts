import { and, count, eq, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { userRecoveryCodes } from '@/db/schema';
import { generateRecoveryCode, hashRecoveryCode } from '@/lib/auth/totp-secret';

export const RECOVERY_CODE_COUNT = 10;

/**
 * In the caller's transaction: replaces the user's recovery codes with a new set and returns
 * the codes in clear, the only time they exist outside the user's hands.
 */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await tx
    .insert(userRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/**
 * Marks a recovery code used, in one statement so two sign-ins racing with the same code
 * cannot both succeed. True when the code was the user's and unused.
 */
export async function consumeRecoveryCode(
  db: DbOrTx,
  userId: string,
  code: string,
): Promise<boolean> {
  const used = await db
    .update(userRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userRecoveryCodes.userId, userId),
        eq(userRecoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(userRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: userRecoveryCodes.id });
  return used.length === 1;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
