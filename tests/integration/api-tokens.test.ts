import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, apiTokens, type Role, type User } from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import {
  authenticateApiToken,
  createApiToken,
  getApiTokensOfUser,
  revokeApiToken,
} from '@/lib/auth/api-tokens';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { updateUser } from '@/lib/users/update-user';
import { setUpTestDatabase } from '../support/test-database-hooks';

const system = systemActor('test');

let db: Db;
let admin: User;

const test = setUpTestDatabase(async () => {
  db = test.db;
  admin = await makeUser('admin');
});

let counter = 0;
async function makeUser(role: Role): Promise<User> {
  counter += 1;
  const { user } = await createUser(db, system, {
    email: `${role}-${counter}@example.com`,
    name: `${role} ${counter}`,
    role,
  });
  return user;
}

function actorOf(user: User): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role };
}

describe('API tokens', () => {
  it('authenticate as their user, with the role the user has at each call', async () => {
    const user = await makeUser('user');
    const { token, record } = await createApiToken(db, actorOf(admin), {
      userId: user.id,
      name: 'SIEM export',
    });
    expect(token).toMatch(/^vgl_[A-Za-z0-9_-]{43}$/);
    expect(record.prefix).toBe(token.slice(0, 10));

    expect(await authenticateApiToken(db, token)).toEqual({
      kind: 'user',
      userId: user.id,
      name: user.name,
      email: user.email,
      role: 'user',
      timeZone: 'UTC',
      tokenScopes: ['read', 'write'],
    });
    await updateUser(db, actorOf(admin), user.id, { role: 'read_only' });
    expect((await authenticateApiToken(db, token))?.role).toBe('read_only');

    const [stored] = await getApiTokensOfUser(db, user.id);
    expect(stored.lastUsedAt).toBeInstanceOf(Date);
  });

  it('are stored only as a SHA-256 hash: the token itself is nowhere in the database rows', async () => {
    const user = await makeUser('power_user');
    const { token } = await createApiToken(db, actorOf(user), { userId: user.id, name: 'laptop' });
    const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(createHash('sha256').update(token).digest('hex'));

    const everything = await db.execute(sql`select row_to_json(t)::text as row from api_tokens t
      union all select row_to_json(a)::text from activity_log a`);
    const dump = everything.map((r) => String(r.row)).join('\n');
    expect(dump).toContain(rows[0].tokenHash);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(10)); // not even the part after the shown prefix
  });

  it('refuse unknown, malformed and revoked tokens', async () => {
    const user = await makeUser('user');
    const { token, record } = await createApiToken(db, actorOf(user), {
      userId: user.id,
      name: 'cron',
    });
    expect(
      await authenticateApiToken(db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    ).toBeUndefined();
    expect(await authenticateApiToken(db, token.slice(4))).toBeUndefined();
    expect(await authenticateApiToken(db, '')).toBeUndefined();

    await revokeApiToken(db, actorOf(user), record.id);
    expect(await authenticateApiToken(db, token)).toBeUndefined();
    const [after] = await getApiTokensOfUser(db, user.id);
    expect(after.revokedAt).toBeInstanceOf(Date);
    const logged = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.entityId, record.id))
      .orderBy(activityLog.id);
    expect(logged.map((r) => r.action)).toEqual(['api-token.created', 'api-token.revoked']);
  });

  it('may be created by a user for themselves, never for someone else', async () => {
    const reader = await makeUser('read_only');
    const other = await makeUser('power_user');
    const own = await createApiToken(db, actorOf(reader), { userId: reader.id, name: 'own' });
    expect((await authenticateApiToken(db, own.token))?.userId).toBe(reader.id);

    const error = await createApiToken(db, actorOf(reader), {
      userId: other.id,
      name: 'theirs',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await getApiTokensOfUser(db, other.id)).toHaveLength(0);

    // Nor revoked by someone else: answered as if the token did not exist.
    const theirs = await createApiToken(db, actorOf(other), { userId: other.id, name: 'theirs' });
    const revoke = await revokeApiToken(db, actorOf(reader), theirs.record.id).catch(
      (e: unknown) => e,
    );
    expect(revoke).toBeInstanceOf(NotFoundError);
    expect((await authenticateApiToken(db, theirs.token))?.userId).toBe(other.id);
  });
});
