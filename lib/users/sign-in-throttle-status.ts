import { and, count, countDistinct, eq, gt, max } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInAttempts, signInUnlocks } from '@/db/schema';
import { normalizeEmail, PAIR_LOOKBACK_MS } from '@/lib/auth/sign-in';

export type SignInThrottleStatus = { failures: number; addresses: number };

/**
 * Failed sign-ins against an account within the lookback that still count (after the last
 * unlock), and from how many addresses: what the user page shows beside "Unlock sign-in".
 */
export async function getSignInThrottleStatus(
  db: Db,
  email: string,
  now = new Date(),
): Promise<SignInThrottleStatus> {
  const account = normalizeEmail(email);
  const [{ lastUnlock }] = await db
    .select({ lastUnlock: max(signInUnlocks.unlockedAt) })
    .from(signInUnlocks)
    .where(eq(signInUnlocks.email, account));
  const lookback = new Date(now.getTime() - PAIR_LOOKBACK_MS);
  const since = lastUnlock && new Date(lastUnlock) > lookback ? new Date(lastUnlock) : lookback;
  const [row] = await db
    .select({
      failures: count(),
      addresses: countDistinct(signInAttempts.clientAddress),
    })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, account),
        eq(signInAttempts.succeeded, false),
        eq(signInAttempts.evaluated, true),
        gt(signInAttempts.attemptedAt, since),
      ),
    );
  return { failures: row?.failures ?? 0, addresses: row?.addresses ?? 0 };
}
