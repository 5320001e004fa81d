import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  devMailbox,
  organization,
  outbox,
  passwordTokens,
  users,
  type OutboxRow,
  type User,
} from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { signPasswordToken } from '@/lib/auth/password-token';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createDevMailboxTransport } from '@/lib/email/dev-mailbox-transport';
import type { MailConfig } from '@/lib/email/mail-config';
import { ValidationError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { resetPassword } from '@/lib/users/reset-password';
import { checkPasswordLink, setPasswordWithLink } from '@/lib/users/set-password-with-link';
import { setUpTestDatabase } from '../support/test-database-hooks';

const SECRET = 'account-emails-test-secret-'.padEnd(40, 'x');
const MAIL: MailConfig = { publicUrl: 'https://vigil.test', authSecret: SECRET };
const NEW_PASSWORD = 'a brand new passphrase';

let db: Db;
let admin: UserActor;
let seq = 0;

const test = setUpTestDatabase(async () => {
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'America/Chicago' });
  const { user } = await createUser(db, systemActor('test'), {
    email: 'admin@bank.test',
    name: 'Dana Admin',
    role: 'admin',
    invite: false,
  });
  admin = { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role };
});

async function emailsTo(address: string, template?: string): Promise<OutboxRow[]> {
  const rows = await db.select().from(outbox).where(eq(outbox.kind, 'email')).orderBy(outbox.id);
  return rows.filter(
    (r) => (r.payload as { to: string }).to === address && (!template || r.topic === template),
  );
}

/**
 * Sends one outbox email through the development mailbox, as the worker would; returns the
 * link in it as sent (the mailbox keeps it with its token redacted: mail-safety.test.ts).
 */
async function deliver(row: OutboxRow): Promise<{ text: string; html: string; token: string }> {
  const mailbox = createDevMailboxTransport(db);
  let message: { text: string; html: string } | undefined;
  const capture = {
    ...mailbox,
    send: async (...args: Parameters<typeof mailbox.send>) => {
      message = args[0];
      await mailbox.send(...args);
    },
  };
  await createEmailDeliverer(MAIL, capture, 'Vigil <vigil@bank.test>')(row);
  const [stored] = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row.id));
  expect(stored.subject).toBeTruthy();
  if (!message) throw new Error('nothing was sent');
  const token = /https:\/\/vigil\.test\/set-password\?token=([\w.-]+)/.exec(message.text)?.[1];
  expect(token).toBeDefined();
  return { text: message.text, html: message.html, token: token! };
}

async function newUser(
  extra: { password?: string } = {},
): Promise<{ user: User; generatedPassword?: string }> {
  seq += 1;
  return createUser(db, admin, {
    email: `person-${seq}@bank.test`,
    name: `Person ${seq}`,
    role: 'user',
    timeZone: 'Europe/London',
    ...extra,
  });
}

describe('account invitation', () => {
  it('is queued with the new account, carries a set-password link and never a password', async () => {
    const { user, generatedPassword } = await newUser();
    // The administrator still sees a generated password once: installs without mail keep working.
    expect(generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const [row] = await emailsTo(user.email, 'account-invitation');
    expect(row).toBeDefined();
    const payload = row.payload as {
      props: Record<string, unknown>;
      passwordLink: { tokenId: string };
    };
    expect(payload.props).toMatchObject({
      name: user.name,
      invitedBy: 'Dana Admin',
      organization: 'First Prairie Bank',
      email: user.email,
    });
    expect(JSON.stringify(row.payload)).not.toContain(generatedPassword);
    // The outbox holds the token row's id only: no usable link before the worker signs it.
    expect(JSON.stringify(row.payload)).not.toContain('set-password?token=');

    const [token] = await db
      .select()
      .from(passwordTokens)
      .where(eq(passwordTokens.userId, user.id));
    expect(token).toMatchObject({
      id: payload.passwordLink.tokenId,
      purpose: 'invitation',
      createdById: admin.userId,
      usedAt: null,
    });
    expect(token.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const email = await deliver(row);
    expect(email.text).not.toContain(generatedPassword);
    expect(email.html).not.toContain(generatedPassword);
    expect(email.text).toContain('Dana Admin created an account for you');
    const [created] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, user.id), eq(activityLog.action, 'user.created')));
    expect(created.changes.invitationExpiresAt).toEqual({
      old: null,
      new: token.expiresAt.toISOString(),
    });
  });

  it('is not queued when the creation rolls back, nor when asked not to invite', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(outbox);
    const error = await createUser(db, admin, {
      email: 'half@bank.test',
      name: 'Half',
      role: 'user',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(outbox)).toEqual(before);
    expect(
      await db
        .select()
        .from(passwordTokens)
        .innerJoin(users, eq(users.id, passwordTokens.userId))
        .where(eq(users.email, 'half@bank.test')),
    ).toEqual([]);

    await createUser(db, admin, {
      email: 'quiet@bank.test',
      name: 'Quiet',
      role: 'user',
      invite: false,
    });
    expect(await emailsTo('quiet@bank.test')).toEqual([]);
  });
});

describe('password reset', () => {
  it('is queued in the same transaction as the reset; a failed reset queues nothing', async () => {
    const { user } = await newUser({ password: 'the original password' });
    const { password } = await resetPassword(db, admin, user.id);
    const [row] = await emailsTo(user.email, 'password-reset');
    expect(row).toBeDefined();
    expect(JSON.stringify(row.payload)).not.toContain(password);
    expect((await deliver(row)).text).toContain('Dana Admin reset your Vigil password');
    // The generated password works too: nothing breaks without mail.
    expect((await signInWithPassword(db, { email: user.email, password })).ok).toBe(true);

    // Make the activity row fail: the password, the link and the email must all roll back.
    await db.execute(
      sql.raw(`
      create function refuse_reset() returns trigger language plpgsql as $$
      begin raise exception 'test: activity row refused'; end $$;
      create trigger refuse_reset before insert on activity_log
        for each row when (new.action = 'user.password-reset') execute function refuse_reset();`),
    );
    try {
      const failed = await resetPassword(db, admin, user.id).catch((e: unknown) => e);
      expect(String(failed)).toMatch(/activity row refused|Failed query/);
    } finally {
      await db.execute(
        sql.raw('drop trigger refuse_reset on activity_log; drop function refuse_reset();'),
      );
    }
    expect(await emailsTo(user.email, 'password-reset')).toHaveLength(1);
    expect(
      await db
        .select()
        .from(passwordTokens)
        .where(and(eq(passwordTokens.userId, user.id), eq(passwordTokens.purpose, 'reset'))),
    ).toHaveLength(1);
    expect((await signInWithPassword(db, { email: user.email, password })).ok).toBe(true);
  });
});

describe('set-password link', () => {
  it('works once: sets the password, ends other sessions, logs it, and is spent', async () => {
    const { user, generatedPassword } = await newUser();
    const { token } = await deliver((await emailsTo(user.email, 'account-invitation'))[0]);
    expect(await checkPasswordLink(db, SECRET, token)).toMatchObject({
      ok: true,
      purpose: 'invitation',
      email: user.email,
    });

    expect(
      await setPasswordWithLink(
        db,
        SECRET,
        { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { clientAddress: '203.0.113.9' },
      ),
    ).toEqual({ email: user.email });
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(
      true,
    );
    expect(
      (await signInWithPassword(db, { email: user.email, password: generatedPassword! })).ok,
    ).toBe(false);
    const [logged] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, user.id), eq(activityLog.action, 'user.password-set')));
    expect(logged).toMatchObject({
      actorId: user.id,
      clientAddress: '203.0.113.9',
      changes: { link: { old: null, new: 'invitation' } },
    });
    expect(JSON.stringify(logged.changes)).not.toContain(NEW_PASSWORD);

    // Second use: refused, and nothing changes.
    const again = await setPasswordWithLink(db, SECRET, {
      token,
      password: 'yet another passphrase',
      confirmPassword: 'yet another passphrase',
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as ValidationError).message).toMatch(/already been used/);
    expect(await checkPasswordLink(db, SECRET, token)).toEqual({ ok: false, problem: 'used' });
    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(
      true,
    );
  });

  it('refuses mismatched passwords without spending the link', async () => {
    const { user } = await newUser();
    const { token } = await deliver((await emailsTo(user.email, 'account-invitation'))[0]);
    const error = await setPasswordWithLink(db, SECRET, {
      token,
      password: NEW_PASSWORD,
      confirmPassword: 'something else entirely',
    }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toHaveProperty('confirmPassword');
    expect((await checkPasswordLink(db, SECRET, token)).ok).toBe(true);
  });

  it('expires', async () => {
    const { user } = await newUser();
    const { token } = await deliver((await emailsTo(user.email, 'account-invitation'))[0]);
    await db
      .update(passwordTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordTokens.userId, user.id));
    expect(await checkPasswordLink(db, SECRET, token)).toEqual({ ok: false, problem: 'expired' });
    const error = await setPasswordWithLink(db, SECRET, {
      token,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    }).catch((e: unknown) => e);
    expect((error as ValidationError).message).toMatch(/expired/);
    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(
      false,
    );
  });

  it('refuses a tampered or foreign link, and an older link once a newer one was sent', async () => {
    const { user } = await newUser();
    const { token } = await deliver((await emailsTo(user.email, 'account-invitation'))[0]);
    const [id, signature] = token.split('.');
    const other = await newUser();
    const [otherToken] = await db
      .select()
      .from(passwordTokens)
      .where(eq(passwordTokens.userId, other.user.id));
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    // The last character of a 32-byte signature holds 4 bits and 2 spare ones: flipping a
    // spare bit spells the same bytes, and must be refused all the same.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spareFlipped = `${signature.slice(0, -1)}${alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1]}`;
    for (const bad of [
      `${id}.${flipped}`,
      `${id}.${spareFlipped}`,
      `${otherToken.id}.${signature}`, // someone else's row with this link's signature
      id,
      `${token}.extra`,
      signPasswordToken('another-secret'.padEnd(40, 'y'), id),
      'not-a-token',
    ]) {
      expect(await checkPasswordLink(db, SECRET, bad)).toEqual({ ok: false, problem: 'invalid' });
      const error = await setPasswordWithLink(db, SECRET, {
        token: bad,
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }).catch((e: unknown) => e);
      expect((error as ValidationError).message).toMatch(/not valid/);
    }
    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(
      false,
    );
    expect(
      (await signInWithPassword(db, { email: other.user.email, password: NEW_PASSWORD })).ok,
    ).toBe(false);

    // A reset sends a newer link: the invitation's stops working, the new one works.
    await resetPassword(db, admin, user.id);
    expect(await checkPasswordLink(db, SECRET, token)).toEqual({ ok: false, problem: 'used' });
    const { token: resetToken } = await deliver((await emailsTo(user.email, 'password-reset'))[0]);
    expect(await checkPasswordLink(db, SECRET, resetToken)).toMatchObject({
      ok: true,
      purpose: 'reset',
    });
    await setPasswordWithLink(db, SECRET, {
      token: resetToken,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(
      true,
    );
  });

  it('refuses a deactivated account’s link', async () => {
    const { user } = await newUser();
    const { token } = await deliver((await emailsTo(user.email, 'account-invitation'))[0]);
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await checkPasswordLink(db, SECRET, token)).toEqual({ ok: false, problem: 'invalid' });
    expect(
      await setPasswordWithLink(db, SECRET, {
        token,
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }).catch((e: unknown) => e),
    ).toBeInstanceOf(ValidationError);
  });
});
