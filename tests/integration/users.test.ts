import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, users, type Role, type User } from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { authenticateApiToken, createApiToken } from '@/lib/auth/api-tokens';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { createTeam } from '@/lib/teams/teams';
import { createUser } from '@/lib/users/create-user';
import { getUserById, getUsers } from '@/lib/users/get-users';
import { resetPassword } from '@/lib/users/reset-password';
import { setUserActive } from '@/lib/users/set-user-active';
import { updateUser } from '@/lib/users/update-user';
import { createTestDatabase, type TestDatabase } from '../support/database';

const system = systemActor('test');
const PASSWORD = 'correct horse battery staple';

function actorOf(user: User): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role };
}

let counter = 0;
async function makeUser(
  db: Db,
  role: Role,
  extra: { password?: string; teamIds?: string[] } = {},
): Promise<User> {
  counter += 1;
  const { user } = await createUser(db, system, {
    email: `${role}-${counter}@example.com`,
    name: `${role} ${counter}`,
    role,
    password: extra.password ?? PASSWORD,
    teamIds: extra.teamIds,
  });
  return user;
}

/** Runs `promise`, which must reject, and returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

async function activityOf(db: Db, entityId: string, action: string) {
  return db
    .select()
    .from(activityLog)
    .where(and(eq(activityLog.entityId, entityId), eq(activityLog.action, action)));
}

describe('users', () => {
  let test: TestDatabase;
  let db: Db;
  let admin: User;

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
    admin = await makeUser(db, 'admin');
  });
  afterAll(() => test?.drop());

  it.each(['read_only', 'user', 'power_user'] as const)(
    'refuses a %s who tries to create a user',
    async (role) => {
      const actor = actorOf(await makeUser(db, role));
      const email = `made-by-${role}@example.com`;
      const error = await rejection(createUser(db, actor, { email, name: 'Nope', role: 'user' }));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((await getUsers(db)).some((u) => u.email === email)).toBe(false);
    },
  );

  it('lets an administrator create a user, logged with the administrator as actor', async () => {
    const { user } = await createUser(db, actorOf(admin), {
      email: ' New.Person@Example.com ',
      name: 'New Person',
      role: 'user',
    });
    expect(user.email).toBe('new.person@example.com');
    const [row] = await activityOf(db, user.id, 'user.created');
    expect(row.actorId).toBe(admin.id);
    expect(row.changes).toMatchObject({
      email: { old: null, new: 'new.person@example.com' },
      role: { old: null, new: 'user' },
    });
  });

  it('refuses a second user with the same email address, whatever its case', async () => {
    await createUser(db, system, { email: 'dana@example.com', name: 'Dana', role: 'user' });
    const error = await rejection(
      createUser(db, system, { email: 'DANA@Example.COM', name: 'Other Dana', role: 'user' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.email).toMatch(/already exists/);
  });

  it('refuses a time zone that does not exist', async () => {
    const error = await rejection(
      createUser(db, system, {
        email: 'tz@example.com',
        name: 'Tz',
        role: 'user',
        timeZone: 'Mars/Olympus_Mons',
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toHaveProperty('timeZone');
  });

  it('generates a password that signs the user in, and stores only its hash', async () => {
    const { user, generatedPassword } = await createUser(db, system, {
      email: 'gen@example.com',
      name: 'Gen',
      role: 'user',
    });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(generatedPassword);

    const result = await signInWithPassword(db, {
      email: 'gen@example.com',
      password: generatedPassword!,
    });
    expect(result.ok && result.user.id).toBe(user.id);
  });

  it('logs a role change as {role: {old, new}}', async () => {
    const user = await makeUser(db, 'user');
    const updated = await updateUser(db, actorOf(admin), user.id, { role: 'power_user' });
    expect(updated.role).toBe('power_user');

    const rows = await activityOf(db, user.id, 'user.updated');
    expect(rows).toHaveLength(1);
    expect(rows[0].changes).toEqual({ role: { old: 'user', new: 'power_user' } });
    expect(rows[0].actorId).toBe(admin.id);
  });

  it('sets and changes a user’s teams, logging the names before and after', async () => {
    const soc = await createTeam(db, system, { name: 'SOC' });
    const network = await createTeam(db, system, { name: 'Network' });
    const user = await makeUser(db, 'user', { teamIds: [soc.id] });
    const teamsOf = async () =>
      (await getUsers(db)).find((u) => u.id === user.id)!.teams.map((t) => t.name);
    expect(await teamsOf()).toEqual(['SOC']);

    await updateUser(db, actorOf(admin), user.id, { teamIds: [network.id, soc.id] });
    expect(await teamsOf()).toEqual(['Network', 'SOC']);
    await updateUser(db, actorOf(admin), user.id, { teamIds: [network.id] });
    expect(await teamsOf()).toEqual(['Network']);

    const changes = (await activityOf(db, user.id, 'user.updated')).map((r) => r.changes.teams);
    expect(changes).toEqual(
      expect.arrayContaining([
        { old: ['SOC'], new: ['Network', 'SOC'] },
        { old: ['Network', 'SOC'], new: ['Network'] },
      ]),
    );
  });

  it('refuses to let an administrator deactivate themselves', async () => {
    const other = await makeUser(db, 'admin'); // so the refusal is not the last-administrator rule
    const error = await rejection(setUserActive(db, actorOf(other), other.id, false));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.active).toMatch(/your own account/);
    expect((await getUserById(db, other.id))!.active).toBe(true);
  });

  it('refuses everyone but administrators the other user-management functions', async () => {
    const target = await makeUser(db, 'user');
    const powerUser = actorOf(await makeUser(db, 'power_user'));
    for (const attempt of [
      updateUser(db, powerUser, target.id, { role: 'admin' }),
      setUserActive(db, powerUser, target.id, false),
      resetPassword(db, powerUser, target.id),
    ]) {
      expect(await rejection(attempt)).toBeInstanceOf(ForbiddenError);
    }
    const after = (await getUserById(db, target.id))!;
    expect([after.role, after.active, after.sessionVersion]).toEqual([
      'user',
      true,
      target.sessionVersion,
    ]);
  });

  it('stops a deactivated user signing in until reactivated; their API tokens stay revoked', async () => {
    const user = await makeUser(db, 'user');
    const { token } = await createApiToken(db, actorOf(user), { userId: user.id, name: 'script' });
    expect((await authenticateApiToken(db, token))?.userId).toBe(user.id);

    const deactivated = await setUserActive(db, actorOf(admin), user.id, false);
    expect(deactivated.active).toBe(false);
    expect(deactivated.deactivatedAt).toBeInstanceOf(Date);
    expect(deactivated.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await signInWithPassword(db, { email: user.email, password: PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await authenticateApiToken(db, token)).toBeUndefined();

    await setUserActive(db, actorOf(admin), user.id, true);
    expect((await signInWithPassword(db, { email: user.email, password: PASSWORD })).ok).toBe(true);
    expect(await authenticateApiToken(db, token)).toBeUndefined();
  });

  it('resets a password: the old one stops working, the new one works, sessions end', async () => {
    const user = await makeUser(db, 'user');
    expect((await signInWithPassword(db, { email: user.email, password: PASSWORD })).ok).toBe(true);

    const { password } = await resetPassword(db, actorOf(admin), user.id);
    expect(password).not.toBe(PASSWORD);
    expect((await getUserById(db, user.id))!.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await signInWithPassword(db, { email: user.email, password: PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect((await signInWithPassword(db, { email: user.email, password })).ok).toBe(true);

    const [row] = await activityOf(db, user.id, 'user.password-reset');
    expect(JSON.stringify(row)).not.toContain(password);
  });
});

// Its own database, so "the last active administrator" is exactly the one this block creates.
describe('the last active administrator', () => {
  let test: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
  });
  afterAll(() => test?.drop());

  it('can be neither demoted nor deactivated; another active administrator lifts the rule', async () => {
    const only = await makeUser(db, 'admin');
    const demote = await rejection(updateUser(db, system, only.id, { role: 'power_user' }));
    expect(demote).toBeInstanceOf(ValidationError);
    expect((demote as ValidationError).fieldErrors.role).toMatch(
      /at least one active administrator/,
    );
    const deactivate = await rejection(setUserActive(db, system, only.id, false));
    expect(deactivate).toBeInstanceOf(ValidationError);
    expect((deactivate as ValidationError).fieldErrors.active).toMatch(
      /at least one active administrator/,
    );

    // A deactivated administrator does not count.
    const second = await makeUser(db, 'admin');
    await setUserActive(db, system, second.id, false);
    expect(await rejection(updateUser(db, system, only.id, { role: 'user' }))).toBeInstanceOf(
      ValidationError,
    );

    const [still] = await db.select().from(users).where(eq(users.id, only.id));
    expect([still.role, still.active]).toEqual(['admin', true]);
    expect(await activityOf(db, only.id, 'user.updated')).toHaveLength(0);

    await setUserActive(db, system, second.id, true);
    expect((await updateUser(db, system, only.id, { role: 'user' })).role).toBe('user');
  });
});
