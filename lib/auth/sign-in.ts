import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInAttempts, users, type User } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { burnPasswordCheck, verifyPassword } from './password';

// 5 failures within 15 minutes, for one account or from one address, lock that account or
// address for 15 minutes from the fifth failure. Kept in PostgreSQL so every web process
// behind a load balancer sees the same count, and the attempts stay as evidence.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; clientAddress?: string | null },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const clientAddress = input.clientAddress ?? null;

  const lockedUntil = await lockedUntilFor(db, email, clientAddress);
  if (lockedUntil) return { ok: false, reason: 'locked', until: lockedUntil };

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

  await db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email, clientAddress, succeeded: valid });
    if (valid && user) {
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
    }
  });
  if (valid && user) return { ok: true, user };

  // This failure may be the one that locks: say so now rather than on the next try.
  const nowLocked = await lockedUntilFor(db, email, clientAddress);
  return nowLocked
    ? { ok: false, reason: 'locked', until: nowLocked }
    : { ok: false, reason: 'invalid' };
}

/** When the account or address may try again, or undefined when it is not locked. */
export async function lockedUntilFor(
  db: Db,
  email: string,
  clientAddress: string | null,
): Promise<Date | undefined> {
  const since = new Date(Date.now() - WINDOW_MS);
  // For an account, a success starts the count again; for an address it does not, or one
  // valid account would let an attacker keep guessing others from the same address.
  const [lastSuccess] = await db
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, email),
        eq(signInAttempts.succeeded, true),
        gt(signInAttempts.attemptedAt, since),
      ),
    )
    .orderBy(desc(signInAttempts.attemptedAt))
    .limit(1);
  const accountSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;

  const candidates = [await fifthFailure(db, eq(signInAttempts.email, email), accountSince)];
  if (clientAddress)
    candidates.push(await fifthFailure(db, eq(signInAttempts.clientAddress, clientAddress), since));
  const latest = candidates
    .filter((d): d is Date => !!d)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return latest ? new Date(latest.getTime() + WINDOW_MS) : undefined;
}

// The time of the most recent failure that makes five within the window, if there are five.
async function fifthFailure(
  db: Db,
  who: ReturnType<typeof eq>,
  since: Date,
): Promise<Date | undefined> {
  const rows = await db
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(and(who, eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since)))
    .orderBy(desc(signInAttempts.attemptedAt))
    .limit(MAX_FAILURES);
  return rows.length >= MAX_FAILURES ? rows[0].at : undefined;
}
