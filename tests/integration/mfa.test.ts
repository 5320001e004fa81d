import { and, eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, organization, outbox, userRecoveryCodes, userTotp } from '@/db/schema';
import { systemActor, userActor, type UserActor } from '@/lib/auth/actor';
import { FREE_FAILURES, signInWithPassword, type SignInResult } from '@/lib/auth/sign-in';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { updateMfaRequirement } from '@/lib/organization/update-mfa-requirement';
import { createUser } from '@/lib/users/create-user';
import {
  confirmTotpEnrolment,
  getOrStartTotpEnrolment,
  regenerateRecoveryCodes,
} from '@/lib/users/mfa-enrolment';
import { disableSecondFactor, resetSecondFactor } from '@/lib/users/mfa-removal';
import { mustEnrolSecondFactor } from '@/lib/users/mfa-requirement';
import { setUpTestDatabase } from '../support/test-database-hooks';

const PASSWORD = 'correct horse battery staple';

let db: Db;

setUpTestDatabase((created) => (db = created.db));

beforeAll(() => {
  // The TOTP secret's encryption key and the recovery codes' HMAC key derive from it.
  process.env.AUTH_SECRET ??= 'test-secret-for-mfa-integration-0123456789';
});

async function makeUser(email: string, role: 'user' | 'admin' | 'power_user' = 'user') {
  const { user } = await createUser(db, systemActor('test'), {
    email,
    name: email.split('@')[0],
    role,
    password: PASSWORD,
  });
  return { user, actor: userActor(user) };
}

/** The code an authenticator app shows `offsetSteps` steps from now. */
const codeAt = (secret: string, offsetSteps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Enrols the user as the setup page does; returns the secret and the recovery codes. */
async function enrol(user: { id: string; email: string }, actor: UserActor) {
  const pending = await getOrStartTotpEnrolment(db, user);
  if (!pending) throw new Error('already enrolled');
  const { recoveryCodes } = await confirmTotpEnrolment(
    db,
    actor,
    user.id,
    await codeAt(pending.secret),
  );
  return { secret: pending.secret, recoveryCodes };
}

const signIn = (email: string, code?: string, clientAddress = '10.7.0.1'): Promise<SignInResult> =>
  signInWithPassword(db, { email, password: PASSWORD, code, clientAddress });

const actionsOf = async (userId: string) =>
  (
    await db
      .select({ action: activityLog.action })
      .from(activityLog)
      .where(and(eq(activityLog.entityType, 'user'), eq(activityLog.entityId, userId)))
      .orderBy(activityLog.id)
  ).map((r) => r.action);

describe('TOTP enrolment', () => {
  it('takes effect only once a code confirms it, and stores the secret encrypted', async () => {
    const { user, actor } = await makeUser('enrol@example.com');
    const pending = (await getOrStartTotpEnrolment(db, user))!;
    // Reloading the setup page shows the same secret until it is confirmed.
    expect((await getOrStartTotpEnrolment(db, user))!.secret).toBe(pending.secret);
    expect(pending.uri).toMatch(/^otpauth:\/\/totp\/Vigil:enrol%40example\.com\?secret=/);
    // Pending: the password alone still signs in.
    expect((await signIn(user.email)).ok).toBe(true);

    await expect(confirmTotpEnrolment(db, actor, user.id, '000000')).rejects.toThrow(
      ValidationError,
    );
    const { recoveryCodes } = await confirmTotpEnrolment(
      db,
      actor,
      user.id,
      await codeAt(pending.secret),
    );
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, user.id));
    expect(row.confirmedAt).not.toBeNull();
    expect(row.secretEncrypted).not.toContain(pending.secret);
    const hashes = await db
      .select({ codeHash: userRecoveryCodes.codeHash })
      .from(userRecoveryCodes)
      .where(eq(userRecoveryCodes.userId, user.id));
    expect(hashes).toHaveLength(10);
    for (const code of recoveryCodes)
      expect(hashes.some((h) => h.codeHash.includes(code.replace('-', '')))).toBe(false);
    // Once confirmed, the secret is never handed out again.
    expect(await getOrStartTotpEnrolment(db, user)).toBeUndefined();
    expect(await actionsOf(user.id)).toContain('user.mfa-enrolled');
  });

  it('refuses changes to someone else’s second factor', async () => {
    const { user } = await makeUser('owner@example.com');
    const { actor: other } = await makeUser('other@example.com');
    const pending = (await getOrStartTotpEnrolment(db, user))!;
    await expect(
      confirmTotpEnrolment(db, other, user.id, await codeAt(pending.secret)),
    ).rejects.toThrow(ForbiddenError);
  });
});

describe('signing in with a second factor', () => {
  it('asks for the code after the right password, and lets the right code in', async () => {
    const { user, actor } = await makeUser('second@example.com');
    const { secret } = await enrol(user, actor);
    expect(await signIn(user.email)).toEqual({ ok: false, reason: 'code-required' });
    // The enrolment's own code (this step) is spent; the next step's code works.
    expect(await signIn(user.email, await codeAt(secret))).toEqual({
      ok: false,
      reason: 'invalid-code',
    });
    expect((await signIn(user.email, await codeAt(secret, 1))).ok).toBe(true);
  });

  it('refuses a code used once already within its window (replay)', async () => {
    const { user, actor } = await makeUser('replay@example.com');
    const { secret } = await enrol(user, actor);
    const code = await codeAt(secret, 1);
    expect((await signIn(user.email, code)).ok).toBe(true);
    expect(await signIn(user.email, code, '10.7.0.2')).toEqual({
      ok: false,
      reason: 'invalid-code',
    });
  });

  it('lets only one of many concurrent sign-ins with the same code through', async () => {
    const { user, actor } = await makeUser('race@example.com');
    const { secret } = await enrol(user, actor);
    const code = await codeAt(secret, 1);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signIn(user.email, code, `10.8.0.${i + 1}`)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('throttles wrong codes like wrong passwords: five, then a wait even for the right code', async () => {
    const { user, actor } = await makeUser('guess@example.com');
    const { secret } = await enrol(user, actor);
    const wrong = String((Number(await codeAt(secret, 1)) + 1) % 1_000_000).padStart(6, '0');
    const answers: string[] = [];
    for (let i = 0; i < FREE_FAILURES; i++) {
      const result = await signIn(user.email, wrong);
      answers.push(result.ok ? 'ok' : result.reason);
    }
    expect(answers.slice(0, FREE_FAILURES - 1)).toEqual(
      Array(FREE_FAILURES - 1).fill('invalid-code'),
    );
    expect(answers[FREE_FAILURES - 1]).toBe('locked');
    const right = await signIn(user.email, await codeAt(secret, 1));
    expect(right.ok ? 'ok' : right.reason).toBe('locked');
    // Asking for the code is no failure: the password was right and nothing was guessed.
    const [{ uncounted }] = await db.execute<{ uncounted: number }>(
      sql`select count(*)::int as uncounted from sign_in_attempts
            where email = 'guess@example.com' and not evaluated`,
    );
    expect(uncounted).toBe(1); // the locked attempt with the right code
  });

  it('does not count "code required" as a failure', async () => {
    const { user, actor } = await makeUser('patient@example.com');
    const { secret } = await enrol(user, actor);
    for (let i = 0; i < FREE_FAILURES + 2; i++)
      expect(await signIn(user.email)).toEqual({ ok: false, reason: 'code-required' });
    expect((await signIn(user.email, await codeAt(secret, 1))).ok).toBe(true);
  });

  it('accepts each recovery code once, and logs its use', async () => {
    const { user, actor } = await makeUser('recover@example.com');
    const { recoveryCodes } = await enrol(user, actor);
    const [first, second] = recoveryCodes;
    expect((await signIn(user.email, first.toUpperCase())).ok).toBe(true);
    expect(await signIn(user.email, first)).toEqual({ ok: false, reason: 'invalid-code' });
    expect((await signIn(user.email, second.replace('-', ' '))).ok).toBe(true);
    const used = await db
      .select({ changes: activityLog.changes })
      .from(activityLog)
      .where(
        and(
          eq(activityLog.entityId, user.id),
          eq(activityLog.action, 'user.mfa-recovery-code-used'),
        ),
      )
      .orderBy(activityLog.id);
    expect(used.map((u) => u.changes.recoveryCodesLeft.new)).toEqual([9, 8]);
  });

  it('makes new recovery codes on request, and the old ones stop working', async () => {
    const { user, actor } = await makeUser('regen@example.com');
    const { secret, recoveryCodes: old } = await enrol(user, actor);
    await expect(regenerateRecoveryCodes(db, actor, user.id, '123456')).rejects.toThrow(
      ValidationError,
    );
    const { recoveryCodes } = await regenerateRecoveryCodes(
      db,
      actor,
      user.id,
      await codeAt(secret, 1),
    );
    expect(await signIn(user.email, old[0])).toEqual({ ok: false, reason: 'invalid-code' });
    expect((await signIn(user.email, recoveryCodes[0])).ok).toBe(true);
    expect(await actionsOf(user.id)).toContain('user.mfa-recovery-codes-regenerated');
  });

  it('lets the owner turn it off with a current code', async () => {
    const { user, actor } = await makeUser('off@example.com');
    const { recoveryCodes } = await enrol(user, actor);
    await expect(disableSecondFactor(db, actor, user.id, 'aaaaa-bbbbb')).rejects.toThrow(
      ValidationError,
    );
    await disableSecondFactor(db, actor, user.id, recoveryCodes[3]);
    expect((await signIn(user.email)).ok).toBe(true);
    expect(await actionsOf(user.id)).toContain('user.mfa-disabled');
  });
});

describe('an administrator resetting a second factor', () => {
  it('removes it, logs it and emails the user; others may not', async () => {
    const { user, actor } = await makeUser('lostphone@example.com');
    const { actor: admin } = await makeUser('admin@example.com', 'admin');
    const { actor: peer } = await makeUser('peer@example.com', 'power_user');
    await enrol(user, actor);
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(outbox);

    await expect(resetSecondFactor(db, peer, user.id)).rejects.toThrow(ForbiddenError);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(outbox)).toEqual(before);
    expect(await signIn(user.email)).toEqual({ ok: false, reason: 'code-required' });

    await resetSecondFactor(db, admin, user.id);
    expect((await signIn(user.email)).ok).toBe(true);
    const [logged] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, user.id), eq(activityLog.action, 'user.mfa-reset')));
    expect(logged.actorId).toBe(admin.userId);
    const [email] = await db.select().from(outbox).where(eq(outbox.topic, 'second-factor-reset'));
    expect(email.payload).toMatchObject({ to: user.email, appPath: '/two-factor' });
    // Nothing left to reset: said, not silently done.
    await expect(resetSecondFactor(db, admin, user.id)).rejects.toThrow(ConflictError);
  });
});

describe('the organization requiring a second factor', () => {
  it('sends those it covers who have none to enrolment, and refuses a self-lockout', async () => {
    await db.insert(organization).values({ name: 'Bank' });
    const { user: admin, actor: adminActor } = await makeUser('boss@example.com', 'admin');
    const { user: power } = await makeUser('power@example.com', 'power_user');
    const { user: plain } = await makeUser('plain@example.com', 'user');

    // The administrator has none yet: requiring it would shut them out of everything else.
    await expect(
      updateMfaRequirement(db, adminActor, { mfaRequiredFor: 'privileged' }),
    ).rejects.toThrow(ConflictError);
    await enrol(admin, adminActor);
    await updateMfaRequirement(db, adminActor, { mfaRequiredFor: 'privileged' });

    expect(await mustEnrolSecondFactor(db, admin)).toBe(false);
    expect(await mustEnrolSecondFactor(db, power)).toBe(true);
    expect(await mustEnrolSecondFactor(db, plain)).toBe(false);
    // Required, so the owner may not turn it off.
    await expect(disableSecondFactor(db, adminActor, admin.id, '123456')).rejects.toThrow(
      ConflictError,
    );

    await updateMfaRequirement(db, adminActor, { mfaRequiredFor: 'everyone' });
    expect(await mustEnrolSecondFactor(db, plain)).toBe(true);
    await expect(
      updateMfaRequirement(db, adminActor, { mfaRequiredFor: 'sometimes' as never }),
    ).rejects.toThrow(ValidationError);
    const [logged] = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.entityType, 'organization'))
      .orderBy(sql`${activityLog.id} desc`)
      .limit(1);
    expect(logged.changes).toEqual({ mfaRequiredFor: { old: 'privileged', new: 'everyone' } });
  });
});
