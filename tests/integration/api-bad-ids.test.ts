import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, type Role, type User } from '@/db/schema';
import { peopleWithTokens } from '../support/api-fixtures';
import { serveApi } from '../support/api-router';
import type { RouteServer } from '../support/route-server';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// Strings shaped like a UUID but not one (a letter past f, only dashes) once passed a loose
// [0-9a-f-]{36} check and reached PostgreSQL, which answered "invalid input syntax for type
// uuid": a 500. Every place the API takes an id must refuse them itself, with a 400 or 404.

const BAD_IDS = [
  '00000000-0000-0000-0000-00000000000g',
  '------------------------------------',
  '0000000000000000000000000000000000-0',
];

let server: RouteServer;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const run = randomUUID().slice(0, 8);
const test = setUpAppTestDatabase(async ({ db }) => {
  let n = 0;
  await peopleWithTokens(
    db,
    async (role) => {
      n += 1;
      const [user] = await db
        .insert(users)
        .values({ email: `bad-ids-${run}-${n}@example.com`, name: `${role} ${n}`, role })
        .returning();
      return user;
    },
    people,
    tokens,
  );
});
beforeAll(async () => {
  server = await serveApi();
});
afterAll(() => server?.close());

function send(method: string, path: string, json?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.admin}`,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

type Probe = { method: string; path: (id: string) => string; body?: (id: string) => unknown };

const PROBES: Probe[] = [
  { method: 'GET', path: (id) => `/api/v1/schedules/${id}` },
  { method: 'PATCH', path: (id) => `/api/v1/schedules/${id}`, body: () => ({ version: 1 }) },
  { method: 'POST', path: (id) => `/api/v1/schedules/${id}/generate`, body: () => ({}) },
  { method: 'GET', path: (id) => `/api/v1/schedules/${id}/periods.csv` },
  { method: 'GET', path: (id) => `/api/v1/schedules?owner=user:${id}` },
  { method: 'GET', path: (id) => `/api/v1/schedules?owner=team:${id}` },
  { method: 'GET', path: (id) => `/api/v1/schedules/export.csv?owner=user:${id}` },
  { method: 'GET', path: (id) => `/api/v1/incidents?owner=user:${id}` },
  { method: 'GET', path: (id) => `/api/v1/incidents?createdBy=${id}` },
  { method: 'GET', path: (id) => `/api/v1/incidents/export.csv?owner=team:${id}` },
  { method: 'GET', path: (id) => `/api/v1/tasks?owner=user:${id}` },
  { method: 'GET', path: (id) => `/api/v1/tasks?schedule=${id}` },
  { method: 'GET', path: (id) => `/api/v1/tasks/export.csv?schedule=${id}` },
  {
    method: 'POST',
    path: () => '/api/v1/incidents',
    body: (id) => ({ title: 'Bad owner', severity: 'low', owner: `user:${id}` }),
  },
  {
    method: 'POST',
    path: () => '/api/v1/incidents',
    body: (id) => ({ title: 'Bad team', severity: 'low', owner: `team:${id}` }),
  },
  {
    method: 'POST',
    path: () => '/api/v1/tasks',
    body: (id) => ({ title: 'Bad owner', owner: `user:${id}` }),
  },
  {
    method: 'POST',
    path: () => '/api/v1/incidents/bulk/close',
    body: (id) => ({ ids: [id], note: 'Closing' }),
  },
  {
    method: 'POST',
    path: () => '/api/v1/tasks/bulk/close',
    body: (id) => ({ ids: [id], note: 'Closing' }),
  },
  {
    method: 'POST',
    path: () => '/api/v1/library/copy',
    body: (id) => ({ templates: ['soc2-access-review'], owner: `user:${id}` }),
  },
];

describe('ids that only look like UUIDs', () => {
  for (const probe of PROBES)
    it(`are refused with a 4xx by ${probe.method} ${probe.path(':id')}`, async () => {
      for (const id of BAD_IDS) {
        const response = await send(probe.method, probe.path(id), probe.body?.(id));
        const text = await response.text();
        expect(response.status, `${id}: ${text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${id}: ${text}`).toBeLessThan(500);
      }
    });

  it('leave nothing written', async () => {
    const rows = await test.db.query.incidents.findMany();
    expect(rows).toEqual([]);
  });
});
