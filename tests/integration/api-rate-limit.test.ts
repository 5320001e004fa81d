import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { peopleWithTokens } from '../support/api-fixtures';
import { serveApi } from '../support/api-router';
import { createTestRedis } from '../support/redis';
import type { RouteServer } from '../support/route-server';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// Requests per token per minute, counted in Redis (lib/api/rate-limit.ts): past the rate a
// 429 problem with Retry-After; other tokens, and the ingest routes, keep their own count.

const redis = createTestRedis();
const globalForRate = globalThis as unknown as { vigilRateRedis?: { disconnect(): void } };
let db: Db;
let server: RouteServer;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const run = randomUUID().slice(0, 8);

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  let n = 0;
  await peopleWithTokens(
    db,
    async (role) => {
      n += 1;
      const [user] = await db
        .insert(users)
        .values({ email: `rate-${run}-${n}@example.com`, name: `${role} ${n}`, role })
        .returning();
      return user;
    },
    people,
    tokens,
  );
});

function forgetRateRedis() {
  globalForRate.vigilRateRedis?.disconnect();
  globalForRate.vigilRateRedis = undefined;
}

beforeAll(async () => {
  process.env.REDIS_URL = redis.url;
  process.env.VIGIL_REDIS_PREFIX = redis.prefix;
  process.env.VIGIL_API_RATE_PER_MINUTE = '3';
  server = await serveApi();
});
afterAll(async () => {
  forgetRateRedis();
  for (const name of [
    'REDIS_URL',
    'VIGIL_REDIS_PREFIX',
    'VIGIL_API_RATE_PER_MINUTE',
    'VIGIL_INGEST_RATE_PER_MINUTE',
  ])
    delete process.env[name];
  await server?.close();
  await redis.flush();
});

const me = (token: string) =>
  fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
const ingest = (token: string) =>
  fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '[]',
  });

describe('the API rate', () => {
  it('answers 429 with Retry-After once a token passes it, counted across processes', async () => {
    expect((await me(tokens.user)).status).toBe(200);
    expect((await me(tokens.user)).status).toBe(200);
    // As another web process would: a client of its own, the count in Redis.
    forgetRateRedis();
    expect((await me(tokens.user)).status).toBe(200);
    const refused = await me(tokens.user);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await refused.json();
    expect(body).toMatchObject({ status: 429, title: 'Too Many Requests', instance: '/api/v1/me' });
    expect(body.detail).toMatch(/more than 3 requests/);

    // Another token has its own count.
    expect((await me(tokens.read_only)).status).toBe(200);
  });

  it('leaves the ingest routes unlimited unless VIGIL_INGEST_RATE_PER_MINUTE sets a rate', async () => {
    for (let i = 0; i < 5; i++) expect((await ingest(tokens.admin)).status).toBe(200);
    // The API count of this token is its own: five ingest requests spent none of it.
    expect((await me(tokens.admin)).status).toBe(200);

    process.env.VIGIL_INGEST_RATE_PER_MINUTE = '2';
    expect((await ingest(tokens.power_user)).status).toBe(200);
    expect((await ingest(tokens.power_user)).status).toBe(200);
    const refused = await ingest(tokens.power_user);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('limits nothing with a rate of 0', async () => {
    process.env.VIGIL_API_RATE_PER_MINUTE = '0';
    for (let i = 0; i < 5; i++) expect((await me(tokens.user)).status).toBe(200);
    process.env.VIGIL_API_RATE_PER_MINUTE = '3';
  });
});
