import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { MAX_FAILURES, signInWithPassword, WINDOW_MS, type SignInResult } from '@/lib/auth/sign-in';
import { createUser } from '@/lib/users/create-user';
import { setUpTestDatabase } from '../support/test-database-hooks';

const PASSWORD = 'correct horse battery staple';
const WRONG = 'wrong horse battery staple';

let db: Db;

setUpTestDatabase((created) => (db = created.db));

async function makeUser(email: string): Promise<void> {
  await createUser(db, systemActor('test'), {
    email,
    name: email.split('@')[0],
    role: 'user',
    password: PASSWORD,
  });
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

function expectLockedFor15Minutes(result: SignInResult, fifthFailureAt: number): void {
  expect(result.ok).toBe(false);
  if (result.ok || result.reason !== 'locked')
    throw new Error(`expected a lockout, got ${JSON.stringify(result)}`);
  // 15 minutes from the fifth failure, give or take the time the calls took.
  expect(Math.abs(result.until.getTime() - (fifthFailureAt + WINDOW_MS))).toBeLessThan(5_000);
}

describe('sign-in lockout', () => {
  it('locks an account after 5 failures, even against the right password, for 15 minutes', async () => {
    await makeUser('locked@example.com');
    // Each from a different address, so only the account count can lock.
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(await signIn('locked@example.com', WRONG, `10.1.0.${i}`)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    const fifth = await signIn('LOCKED@Example.com', WRONG, '10.1.0.5');
    const fifthAt = Date.now();
    expectLockedFor15Minutes(fifth, fifthAt);

    const rightPassword = await signIn('locked@example.com', PASSWORD, '10.1.0.99');
    expectLockedFor15Minutes(rightPassword, fifthAt);

    // 14 minutes on: still locked.
    await letTimePass(14 * 60_000, sql`email = 'locked@example.com'`);
    expect((await signIn('locked@example.com', PASSWORD, '10.1.0.99')).ok).toBe(false);
    // Past 15 minutes: the failures have left the window.
    await letTimePass(2 * 60_000, sql`email = 'locked@example.com'`);
    expect((await signIn('locked@example.com', PASSWORD, '10.1.0.99')).ok).toBe(true);
  });

  it('counts an account’s failures again from its last successful sign-in', async () => {
    await makeUser('forgetful@example.com');
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signIn('forgetful@example.com', WRONG);
    expect((await signIn('forgetful@example.com', PASSWORD)).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(await signIn('forgetful@example.com', WRONG)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect((await signIn('forgetful@example.com', PASSWORD)).ok).toBe(true);
  });

  it('locks an address after 5 failures against different accounts', async () => {
    for (const name of ['ann', 'ben', 'cat', 'dev']) await makeUser(`${name}@example.com`);
    const address = '203.0.113.7';
    const targets = ['ann', 'ben', 'cat', 'dev', 'nobody'];
    let last: SignInResult | undefined;
    for (const name of targets) last = await signIn(`${name}@example.com`, WRONG, address);
    const fifthAt = Date.now();
    expectLockedFor15Minutes(last!, fifthAt);

    // A sixth account, with its right password, from that address: refused.
    await makeUser('eve@example.com');
    expectLockedFor15Minutes(await signIn('eve@example.com', PASSWORD, address), fifthAt);
    // The accounts themselves are not locked (one failure each): elsewhere they work.
    expect((await signIn('eve@example.com', PASSWORD, '198.51.100.1')).ok).toBe(true);
    expect((await signIn('ann@example.com', PASSWORD, '198.51.100.1')).ok).toBe(true);

    // A success from the address does not reset the address count.
    await letTimePass(16 * 60_000, sql`client_address = ${address}`);
    for (const name of ['ben', 'cat']) await signIn(`${name}@example.com`, WRONG, address);
    expect((await signIn('ann@example.com', PASSWORD, address)).ok).toBe(true);
    for (const name of ['dev', 'eve'])
      expect(await signIn(`${name}@example.com`, WRONG, address)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    const fifthAgain = await signIn('nobody2@example.com', WRONG, address);
    expectLockedFor15Minutes(fifthAgain, Date.now());
  });

  it('answers an unknown email exactly like a wrong password, and locks it the same way', async () => {
    await makeUser('known@example.com');
    const known = await signIn('known@example.com', WRONG, '192.0.2.1');
    const unknown = await signIn('unknown@example.com', WRONG, '192.0.2.2');
    expect(unknown).toEqual(known);
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });

    for (let i = 2; i < MAX_FAILURES; i++)
      await signIn('unknown@example.com', WRONG, `192.0.2.${10 + i}`);
    const fifth = await signIn('unknown@example.com', WRONG, '192.0.2.20');
    expectLockedFor15Minutes(fifth, Date.now());

    const [{ count }] = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from sign_in_attempts where email = 'unknown@example.com' and not succeeded`,
    );
    expect(count).toBe(MAX_FAILURES);
  });
});
