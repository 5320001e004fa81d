import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { GET as getIncidents } from '@/app/api/v1/incidents/route';
import { createDb, type Db } from '@/db/client';
import { migrationsFolder } from '@/db/migrate';
import { apiTokens, users, type Role, type User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { checkApiToken, createApiToken } from '@/lib/auth/api-tokens';
import { ValidationError } from '@/lib/errors';
import { rejection, setUpAppTestDatabase } from '../support/test-database-hooks';

// A token's expiry (chosen at creation, refused after with 401 "token expired"), its last use
// (time and address, written at most once a minute), and the migration that gave the tokens
// made before scopes the scopes and an expiry.

const system = systemActor('test');
const DAY = 24 * 60 * 60 * 1000;

let db: Db;
const test = setUpAppTestDatabase(() => {
  db = test.db;
});

let counter = 0;
async function makeUser(role: Role = 'user'): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({ email: `expiry-${counter}@example.com`, name: `user ${counter}`, role })
    .returning();
  return user;
}

function get(token: string, address = '192.0.2.10'): Promise<Response> {
  return getIncidents(
    new Request('http://vigil.test/api/v1/incidents', {
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address },
    }),
    { params: Promise.resolve({}) } as never,
  );
}

describe('expiry', () => {
  it('is 90 days unless chosen, at most 365, and chosen in whole days', async () => {
    const user = await makeUser();
    const made = await createApiToken(db, system, { userId: user.id, name: 'default' });
    const lifetime = made.record.expiresAt.getTime() - made.record.createdAt.getTime();
    expect(lifetime / DAY).toBeCloseTo(90, 2);
    const year = await createApiToken(db, system, {
      userId: user.id,
      name: 'year',
      expiresInDays: '365',
    });
    expect((year.record.expiresAt.getTime() - year.record.createdAt.getTime()) / DAY).toBeCloseTo(
      365,
      2,
    );
    for (const [days, message] of [
      [366, 'A token lives at most 365 days.'],
      [0, 'A token lives at least 1 day.'],
      [1.5, 'Give a whole number of days.'],
      ['soon', 'Give the number of days the token lives.'],
    ] as const) {
      const error = await rejection(
        createApiToken(db, system, { userId: user.id, name: 'bad', expiresInDays: days }),
      );
      expect((error as ValidationError).fieldErrors.expiresInDays, String(days)).toBe(message);
    }
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, user.id))).toHaveLength(2);
  });

  it('refuses a token after its expiry with 401 "token expired"', async () => {
    const user = await makeUser();
    const { token, record } = await createApiToken(db, system, { userId: user.id, name: 'ci' });
    expect((await get(token)).status).toBe(200);
    await db
      .update(apiTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiTokens.id, record.id));
    const refused = await get(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="Vigil"');
    const problem = await refused.json();
    expect(problem.detail).toMatch(/^This API token expired on \S+ \(token expired\)/);
    expect((await checkApiToken(db, token)).ok).toBe(false);
  });
});

describe('last use', () => {
  async function stored(id: string) {
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    return row;
  }

  it('records the time and client address, at most once a minute per token', async () => {
    const user = await makeUser();
    const { token, record } = await createApiToken(db, system, { userId: user.id, name: 'siem' });
    expect(record.lastUsedAt).toBeNull();

    // X-Forwarded-For is trusted only behind a configured proxy; the test's Request carries
    // no socket, so what is recorded is whatever lib/auth/client-address.ts decides.
    await get(token, '198.51.100.7');
    const first = await stored(record.id);
    expect(first.lastUsedAt).toBeInstanceOf(Date);

    // Thirty seconds ago: within the minute, so the next calls write nothing.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '30 seconds'`, lastUsedAddress: 'earlier' })
      .where(eq(apiTokens.id, record.id));
    const within = await stored(record.id);
    for (let i = 0; i < 5; i += 1) await get(token, '198.51.100.8');
    const after = await stored(record.id);
    expect(after.lastUsedAt).toEqual(within.lastUsedAt);
    expect(after.lastUsedAddress).toBe('earlier');

    // A minute and more ago: the next call records itself.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '61 seconds'` })
      .where(eq(apiTokens.id, record.id));
    await checkApiToken(db, token, '203.0.113.9');
    const recorded = await stored(record.id);
    expect(recorded.lastUsedAt!.getTime()).toBeGreaterThan(within.lastUsedAt!.getTime());
    expect(recorded.lastUsedAddress).toBe('203.0.113.9');
  });
});

describe('the migration to scopes', () => {
  it('gives old tokens what they could do, and an expiry 90 days on', async () => {
    // A database at the last migration before the backfill, with tokens of the old kinds.
    const journalPath = path.join(migrationsFolder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
      entries: { tag: string }[];
    };
    const backfill = journal.entries.findIndex((e) =>
      readFileSync(path.join(migrationsFolder, `${e.tag}.sql`), 'utf8').includes('SET "scopes"'),
    );
    expect(backfill).toBeGreaterThan(0);
    const before = mkdtempSync(path.join(tmpdir(), 'vigil-migrations-'));
    cpSync(migrationsFolder, before, { recursive: true });
    writeFileSync(
      path.join(before, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, backfill) }),
    );

    const adminUrl = inject('databaseAdminUrl');
    const name = `${inject('templateDatabase')}_token_scopes`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const old = createDb(url.toString(), { max: 1 });
    try {
      await migrate(old, { migrationsFolder: before });
      const people = await old.execute(sql`insert into users (email, name, role) values
        ('a@example.com', 'Admin', 'admin'), ('p@example.com', 'Power', 'power_user'),
        ('u@example.com', 'User', 'user'), ('r@example.com', 'Reader', 'read_only')
        returning id, role`);
      const idOf = (role: string) => people.find((p) => p.role === role)!.id as string;
      await old.execute(sql`insert into api_tokens (user_id, name, token_hash, prefix, scope, revoked_at) values
        (${idOf('admin')}, 'admin api', 'h1', 'vgl_1', 'api', null),
        (${idOf('power_user')}, 'power api', 'h2', 'vgl_2', 'api', null),
        (${idOf('user')}, 'user api', 'h3', 'vgl_3', 'api', null),
        (${idOf('read_only')}, 'reader api', 'h4', 'vgl_4', 'api', null),
        (${idOf('power_user')}, 'shipper', 'h5', 'vgl_5', 'events:ingest', null),
        (${idOf('user')}, 'gone', 'h6', 'vgl_6', 'api', now() - interval '1 day')`);

      await migrate(old, { migrationsFolder });
      const rows = await old.execute(sql`select name, scopes, expires_at, revoked_at,
          extract(epoch from expires_at - now()) / 86400 as days from api_tokens order by name`);
      const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
      expect(byName['admin api'].scopes).toEqual(['read', 'write', 'admin', 'events:ingest']);
      expect(byName['power api'].scopes).toEqual(['read', 'write', 'events:ingest']);
      expect(byName['user api'].scopes).toEqual(['read', 'write']);
      // Its role never let it write: a Read-only user holds no write token.
      expect(byName['reader api'].scopes).toEqual(['read']);
      expect(byName['shipper'].scopes).toEqual(['events:ingest']);
      for (const live of ['admin api', 'power api', 'user api', 'reader api', 'shipper'])
        expect(Number(byName[live].days), live).toBeCloseTo(90, 1);
      expect(byName['gone'].expires_at).toEqual(byName['gone'].revoked_at);
    } finally {
      await old.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
      rmSync(before, { recursive: true, force: true });
    }
  });
});
