import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { systemActor, type Actor } from '@/lib/auth/actor';
import {
  ADDRESS_FAILURES,
  ADDRESS_WINDOW_MS,
  BASE_DELAY_MS,
  FREE_FAILURES,
  MAX_DELAY_MS,
  signInWithPassword,
  type SignInResult,
} from '@/lib/auth/sign-in';
import { ForbiddenError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { getSignInThrottleStatus } from '@/lib/users/sign-in-throttle-status';
import { unlockSignIn } from '@/lib/users/unlock-sign-in';
import { setUpTestDatabase } from '../support/test-database-hooks';

const PASSWORD = 'correct horse battery staple';
const WRONG = 'wrong horse battery staple';

let db: Db;

setUpTestDatabase((created) => (db = created.db));

async function makeUser(email: string, role: 'user' | 'admin' | 'read_only' = 'user') {
  const { user } = await createUser(db, systemActor('test'), {
    email,
    name: email.split('@')[0],
    role,
    password: PASSWORD,
  });
  return user;
}

function signIn(
  email: string,
  password: string,
  clientAddress: string | null = null,
): Promise<SignInResult> {
  return signInWithPassword(db, { email, password, clientAddress });
}

/** Moves the recorded attempts back in time, as if `ms` had passed. */
async function letTimePass(ms: number, where: ReturnType<typeof sql>): Promise<void> {
  await db.execute(
    sql`update sign_in_attempts set attempted_at = attempted_at - ${`${ms} milliseconds`}::interval where ${where}`,
  );
}

function expectWaitOf(result: SignInResult, ms: number, from = Date.now()): void {
  if (result.ok || result.reason !== 'locked')
    throw new Error(`expected to be told to wait, got ${JSON.stringify(result)}`);
  // `ms` from the last failure, give or take the time the calls took.
  expect(Math.abs(result.until.getTime() - (from + ms))).toBeLessThan(5_000);
}

const actorOf = (user: { id: string; name: string; email: string; role: string }): Actor => ({
  kind: 'user',
  userId: user.id,
  name: user.name,
  email: user.email,
  role: user.role as never,
});

describe('sign-in throttling', () => {
  it('never locks an account for everyone: failures from other addresses leave mine alone', async () => {
    await makeUser('target@example.com');
    // An outsider spreads 30 guesses over six addresses.
    for (let a = 1; a <= 6; a++)
      for (let i = 0; i < FREE_FAILURES; i++)
        await signIn('target@example.com', WRONG, `10.9.0.${a}`);
    expect((await signIn('target@example.com', PASSWORD, '10.1.1.1')).ok).toBe(true);
  });

  it('gives an account and address five tries, then waits 1 minute, doubling up to 15', async () => {
    await makeUser('slow@example.com');
    const here = sql`email = 'slow@example.com'`;
    for (let i = 1; i < FREE_FAILURES; i++)
      expect(await signIn('slow@example.com', WRONG, '10.2.0.1')).toEqual({
        ok: false,
        reason: 'invalid',
      });
    // The fifth failure starts the wait, said at once; the right password waits too.
    expectWaitOf(await signIn('slow@example.com', WRONG, '10.2.0.1'), BASE_DELAY_MS);
    expectWaitOf(await signIn('slow@example.com', PASSWORD, '10.2.0.1'), BASE_DELAY_MS);
    // From another address the account works.
    expect((await signIn('slow@example.com', PASSWORD, '10.2.0.2')).ok).toBe(true);

    // A minute on, one more wrong try: now two minutes, then four, … never over fifteen.
    let expected = BASE_DELAY_MS;
    for (let n = 0; n < 6; n++) {
      await letTimePass(expected, here);
      expected = Math.min(expected * 2, MAX_DELAY_MS);
      expectWaitOf(await signIn('slow@example.com', WRONG, '10.2.0.1'), expected);
    }
    expect(expected).toBe(MAX_DELAY_MS);
    await letTimePass(MAX_DELAY_MS, here);
    expect((await signIn('slow@example.com', PASSWORD, '10.2.0.1')).ok).toBe(true);
    // That success starts the pair's count again.
    expect(await signIn('slow@example.com', WRONG, '10.2.0.1')).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('evaluates at most five of 500 concurrent wrong passwords for one account', async () => {
    await makeUser('burst@example.com');
    const results = await Promise.all(
      Array.from({ length: 500 }, () => signIn('burst@example.com', WRONG, '10.3.0.1')),
    );
    const evaluated = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    // The fifth evaluated failure answers "wait", so at most four say "invalid".
    expect(evaluated).toBeLessThan(FREE_FAILURES);
    const [{ checked, recorded }] = await db.execute<{ checked: number; recorded: number }>(
      sql`select count(*) filter (where evaluated)::int as checked, count(*)::int as recorded
            from sign_in_attempts where email = 'burst@example.com'`,
    );
    expect(checked).toBe(FREE_FAILURES);
    expect(recorded).toBe(500);
    expect(results.every((r) => !r.ok)).toBe(true);
  });

  it('slows an address spraying many accounts, not the accounts elsewhere', async () => {
    const address = '203.0.113.7';
    await makeUser('sprayed@example.com');
    for (let i = 0; i < ADDRESS_FAILURES - 1; i++)
      expect(await signIn(`nobody${i}@example.com`, WRONG, address)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    expectWaitOf(await signIn('nobody-last@example.com', WRONG, address), ADDRESS_WINDOW_MS);
    expectWaitOf(await signIn('sprayed@example.com', PASSWORD, address), ADDRESS_WINDOW_MS);
    expect((await signIn('sprayed@example.com', PASSWORD, '198.51.100.1')).ok).toBe(true);
    await letTimePass(ADDRESS_WINDOW_MS, sql`client_address = ${address}`);
    expect((await signIn('sprayed@example.com', PASSWORD, address)).ok).toBe(true);
  });

  it('answers an unknown email exactly like a wrong password, and slows it the same way', async () => {
    await makeUser('known@example.com');
    const known = await signIn('known@example.com', WRONG, '192.0.2.1');
    const unknown = await signIn('unknown@example.com', WRONG, '192.0.2.1');
    expect(unknown).toEqual(known);
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    for (let i = 2; i < FREE_FAILURES; i++) await signIn('unknown@example.com', WRONG, '192.0.2.1');
    expectWaitOf(await signIn('unknown@example.com', WRONG, '192.0.2.1'), BASE_DELAY_MS);
  });

  it('lets an administrator unlock an account, logged, and no one else', async () => {
    const admin = await makeUser('unlocker@example.com', 'admin');
    const user = await makeUser('stuck@example.com');
    const other = await makeUser('bystander@example.com');
    for (let i = 0; i < FREE_FAILURES; i++) await signIn('stuck@example.com', WRONG, '10.4.0.1');
    expect((await signIn('stuck@example.com', PASSWORD, '10.4.0.1')).ok).toBe(false);
    expect(await getSignInThrottleStatus(db, 'Stuck@Example.com')).toEqual({
      failures: FREE_FAILURES,
      addresses: 1,
    });

    await expect(unlockSignIn(db, actorOf(other), user.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await signIn('stuck@example.com', PASSWORD, '10.4.0.1')).ok).toBe(false);

    await unlockSignIn(db, actorOf(admin), user.id);
    expect((await signIn('stuck@example.com', PASSWORD, '10.4.0.1')).ok).toBe(true);
    expect(await getSignInThrottleStatus(db, 'stuck@example.com')).toEqual({
      failures: 0,
      addresses: 0,
    });
    const [{ count }] = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from activity_log
            where action = 'user.sign-in-unlocked' and entity_id = ${user.id}`,
    );
    expect(count).toBe(1);
  });
});
