import { and, desc, eq, gt, isNull, max, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { signInAttempts, signInUnlocks, users, type User } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { burnPasswordCheck, verifyPassword } from './password';
import { checkSignInSecondFactor } from './totp-sign-in';

// Password guessing is slowed per (account, address) pair and per address, never by locking
// an account for everyone: a hard per-account lock let anyone keep an administrator out with
// five bad passwords every 15 minutes.
//
// - A pair gets FREE_FAILURES failures since its last success (or an administrator's unlock
//   of the account); after that each further try must wait BASE_DELAY_MS after the last
//   failure, doubling with each failure up to MAX_DELAY_MS. Failures older than
//   PAIR_LOOKBACK_MS are forgotten.
// - An address with ADDRESS_FAILURES failures against any accounts within ADDRESS_WINDOW_MS
//   waits ADDRESS_WINDOW_MS from its last failure (password spraying).
//
// The check and the record are one serialised step: under an advisory lock per account and
// per address the attempt is written (as a failure) before its password is checked, so
// concurrent guesses see each other and at most FREE_FAILURES of a burst are ever evaluated.
// Kept in PostgreSQL so every web process sees the same count, and the attempts stay as evidence.
export const FREE_FAILURES = 5;
export const BASE_DELAY_MS = 60_000;
export const MAX_DELAY_MS = 15 * 60_000;
export const PAIR_LOOKBACK_MS = 24 * 60 * 60_000;
export const ADDRESS_FAILURES = 20;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  // The password was right and the account has a second factor: ask for its code.
  | { ok: false; reason: 'code-required' }
  | { ok: false; reason: 'invalid-code' }
  | { ok: false; reason: 'locked'; until: Date };

type Admission = { until: Date } | { attemptId: string };

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; code?: string; clientAddress?: string | null },
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const clientAddress = input.clientAddress ?? null;

  const admitted = await db.transaction(async (tx): Promise<Admission> => {
    await lockAttemptsOf(tx, email, clientAddress);
    const until = await waitUntil(tx, email, clientAddress, new Date());
    const [attempt] = await tx
      .insert(signInAttempts)
      .values({ email, clientAddress, succeeded: false, evaluated: !until })
      .returning({ id: signInAttempts.id });
    return until ? { until } : { attemptId: attempt.id };
  });
  if ('until' in admitted) return { ok: false, reason: 'locked', until: admitted.until };

  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const valid =
    user?.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : false;
  // Same work whether or not the account exists or is active: timing reveals neither.
  if (!user?.active || !user.passwordHash) await burnPasswordCheck(input.password);

  // The code step rides on this attempt: a wrong code is a failure the same throttle counts.
  const secondFactor = valid && user ? await checkSignInSecondFactor(db, user, input.code) : null;
  if (secondFactor?.outcome === 'required') {
    // Not a failure: the password was right and nothing was guessed. Not a success either.
    await db
      .update(signInAttempts)
      .set({ evaluated: false })
      .where(eq(signInAttempts.id, admitted.attemptId));
    return { ok: false, reason: 'code-required' };
  }

  if (valid && user && secondFactor?.outcome !== 'invalid') {
    await db.transaction(async (tx) => {
      await tx
        .update(signInAttempts)
        .set({ succeeded: true })
        .where(eq(signInAttempts.id, admitted.attemptId));
      await recordActivity(
        tx,
        {
          kind: 'user',
          userId: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          clientAddress: clientAddress ?? undefined,
        },
        { action: 'user.signed-in', entityType: 'user', entityId: user.id },
      );
      await secondFactor?.record(tx);
    });
    return { ok: true, user };
  }

  // This failure may be the one that starts the wait: say so now rather than on the next try.
  const until = await waitUntil(db, email, clientAddress, new Date());
  if (until) return { ok: false, reason: 'locked', until };
  return { ok: false, reason: secondFactor ? 'invalid-code' : 'invalid' };
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase().slice(0, 254);

/** Serialises attempts on one account and from one address (account first, so no cycle). */
async function lockAttemptsOf(tx: Tx, email: string, clientAddress: string | null) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`vigil.sign-in.account:${email}`}, 0))`,
  );
  if (clientAddress)
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`vigil.sign-in.address:${clientAddress}`}, 0))`,
    );
}

/** When the pair or the address may try again, or undefined when it may try now. */
export async function waitUntil(
  db: DbOrTx,
  email: string,
  clientAddress: string | null,
  now: Date,
): Promise<Date | undefined> {
  const candidates = [await pairWaitUntil(db, email, clientAddress, now)];
  if (clientAddress) candidates.push(await addressWaitUntil(db, clientAddress, now));
  return candidates
    .filter((d): d is Date => !!d && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
}

async function pairWaitUntil(
  db: DbOrTx,
  email: string,
  clientAddress: string | null,
  now: Date,
): Promise<Date | undefined> {
  const pair = and(
    eq(signInAttempts.email, email),
    clientAddress === null
      ? isNull(signInAttempts.clientAddress)
      : eq(signInAttempts.clientAddress, clientAddress),
  );
  const [{ lastSuccess }] = await db
    .select({ lastSuccess: max(signInAttempts.attemptedAt) })
    .from(signInAttempts)
    .where(and(pair, eq(signInAttempts.succeeded, true)));
  const [{ lastUnlock }] = await db
    .select({ lastUnlock: max(signInUnlocks.unlockedAt) })
    .from(signInUnlocks)
    .where(eq(signInUnlocks.email, email));
  const since = latestOf(new Date(now.getTime() - PAIR_LOOKBACK_MS), lastSuccess, lastUnlock);
  // Enough rows to reach MAX_DELAY_MS's doubling; more would not lengthen the wait.
  const failures = await db
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(
      and(
        pair,
        eq(signInAttempts.succeeded, false),
        eq(signInAttempts.evaluated, true),
        gt(signInAttempts.attemptedAt, since),
      ),
    )
    .orderBy(desc(signInAttempts.attemptedAt))
    .limit(FREE_FAILURES + 16);
  if (failures.length < FREE_FAILURES) return undefined;
  const delay = Math.min(BASE_DELAY_MS * 2 ** (failures.length - FREE_FAILURES), MAX_DELAY_MS);
  return new Date(failures[0].at.getTime() + delay);
}

async function addressWaitUntil(
  db: DbOrTx,
  clientAddress: string,
  now: Date,
): Promise<Date | undefined> {
  const since = new Date(now.getTime() - ADDRESS_WINDOW_MS);
  const failures = await db
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.clientAddress, clientAddress),
        eq(signInAttempts.succeeded, false),
        eq(signInAttempts.evaluated, true),
        gt(signInAttempts.attemptedAt, since),
      ),
    )
    .orderBy(desc(signInAttempts.attemptedAt))
    .limit(ADDRESS_FAILURES);
  return failures.length >= ADDRESS_FAILURES
    ? new Date(failures[0].at.getTime() + ADDRESS_WINDOW_MS)
    : undefined;
}

function latestOf(...dates: (Date | string | null | undefined)[]): Date {
  return dates
    .filter((d): d is Date | string => !!d)
    .map((d) => new Date(d))
    .sort((a, b) => b.getTime() - a.getTime())[0];
}
