import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { teams, users, type Role, type User } from '@/db/schema';
import * as oneSchedule from '@/app/api/v1/schedules/[id]/route';
import { POST as postGenerate } from '@/app/api/v1/schedules/[id]/generate/route';
import { GET as getExport } from '@/app/api/v1/schedules/export.csv/route';
import { GET as getList, POST as postSchedule } from '@/app/api/v1/schedules/route';
import { GET as getLibrary } from '@/app/api/v1/library/route';
import { POST as postCopy } from '@/app/api/v1/library/copy/route';
import { GET as getMe } from '@/app/api/v1/me/route';
import { libraryCopyJson, libraryPageJson } from '@/lib/api/library-json';
import { meJson } from '@/lib/api/me-json';
import {
  generatedTaskResultJson,
  scheduleDetailJson,
  scheduleJson,
  schedulePageJson,
} from '@/lib/api/schedule-json';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { peopleWithTokens } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The schedules, library and /me answers in the shape incidents and tasks have: numbers as
// TASK-2009, owners as objects, unknown parameters refused, counts and cursors on lists.

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
let teamId: string;
const unique = `api-style-${Date.now()}`;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  const makeUser = async (role: Role) =>
    (
      await db
        .insert(users)
        .values({
          email: `${unique}-${role}@example.com`,
          name: `${role} styled`,
          role,
          timeZone: 'America/Chicago',
        })
        .returning()
    )[0];
  await peopleWithTokens(db, makeUser, people, tokens);
  [{ id: teamId }] = await db
    .insert(teams)
    .values({ name: `${unique} team` })
    .returning({ id: teams.id });
});

type Handler = (
  request: Request,
  context: { params: Promise<{ id: string }> },
) => Promise<Response>;
async function call(
  handler: unknown,
  method: string,
  path: string,
  options: { role?: Role; body?: unknown; id?: string } = {},
) {
  const headers = new Headers({ authorization: `Bearer ${tokens[options.role ?? 'power_user']}` });
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body) headers.set('content-type', 'application/json');
  const request = new Request(`http://vigil.test${path}`, { method, headers, body });
  return (handler as Handler)(request, { params: Promise.resolve({ id: options.id ?? '' }) });
}

/** Parses with the documented schema, and fails on any field the schema does not name. */
function exactly<T extends z.ZodObject>(schema: T, json: unknown): z.infer<T> {
  return (schema.strict() as unknown as T).parse(json);
}

const valid = (name: string) => ({
  name,
  pattern: { kind: 'monthly-day', day: 1 },
  timeOfDay: '08:00',
  timeZone: 'America/Chicago',
  startDate: '2026-03-01',
  dueInDays: 4,
  tags: [unique],
});

async function createSchedule(name: string, owner = `user:${people.user.id}`) {
  const response = await call(postSchedule, 'POST', '/api/v1/schedules', {
    body: { ...valid(`${unique} ${name}`), owner },
  });
  expect(response.status).toBe(201);
  return response.json();
}

describe('schedules answer like incidents and tasks', () => {
  it('gives a generated task its number as TASK-2009, in generate and in the detail', async () => {
    const schedule = await createSchedule('generate');
    const generated = await call(
      postGenerate,
      'POST',
      `/api/v1/schedules/${schedule.id}/generate`,
      {
        id: schedule.id,
      },
    );
    expect(generated.status).toBe(201);
    const result = exactly(generatedTaskResultJson, await generated.json());
    expect(result.task.number).toMatch(/^TASK-\d+$/);

    const again = await call(postGenerate, 'POST', `/api/v1/schedules/${schedule.id}/generate`, {
      id: schedule.id,
    });
    expect(again.status).toBe(200);
    expect((await again.json()).task.number).toBe(result.task.number);

    const detail = await call(oneSchedule.GET, 'GET', `/api/v1/schedules/${schedule.id}`, {
      id: schedule.id,
      role: 'read_only',
    });
    const shown = exactly(scheduleDetailJson, await detail.json());
    expect(shown.tasks.map((t) => t.number)).toEqual([result.task.number]);
  });

  it('answers the owner as an object, as incidents and tasks do, on every schedule answer', async () => {
    const person = { type: 'user', id: people.user.id, name: people.user.name };
    const created = await createSchedule('owned');
    expect(exactly(scheduleJson, created).owner).toEqual(person);

    const shown = await (
      await call(oneSchedule.GET, 'GET', `/api/v1/schedules/${created.id}`, { id: created.id })
    ).json();
    expect(shown.owner).toEqual(person);

    const patched = await call(oneSchedule.PATCH, 'PATCH', `/api/v1/schedules/${created.id}`, {
      id: created.id,
      body: { version: 1, owner: `team:${teamId}` },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).owner).toEqual({
      type: 'team',
      id: teamId,
      name: `${unique} team`,
    });

    const unowned = await createSchedule('unowned', '');
    expect(unowned.owner).toBeNull();

    const listed = exactly(
      schedulePageJson,
      await (await call(getList, 'GET', `/api/v1/schedules?tag=${unique}`)).json(),
    );
    expect(listed.data.find((s) => s.id === created.id)?.owner).toEqual({
      type: 'team',
      id: teamId,
      name: `${unique} team`,
    });
  });

  it('counts the list and walks it by cursor, limit rows a page', async () => {
    for (const n of [1, 2, 3]) await createSchedule(`paged ${n}`);
    const seen: string[] = [];
    let query = `tag=${unique}&name=paged&limit=2`;
    for (let page = 0; page < 5; page += 1) {
      const response = await call(getList, 'GET', `/api/v1/schedules?${query}`);
      expect(response.status).toBe(200);
      const body = exactly(schedulePageJson, await response.json());
      expect(body).toMatchObject({ count: 3, countCapped: false });
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((s) => s.name));
      if (!body.nextCursor) break;
      query = `tag=${unique}&name=paged&limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual([1, 2, 3].map((n) => `${unique} paged ${n}`));
  });

  it('refuses unknown parameters and bad filter values with a 400 naming them', async () => {
    const refused = async (path: string, handler: unknown = getList) => {
      const response = await call(handler, 'GET', path);
      expect(response.status).toBe(400);
      return Object.keys((await response.json()).fields);
    };
    expect(await refused('/api/v1/schedules?stauts=active')).toEqual(['stauts']);
    expect(await refused('/api/v1/schedules?status=sleeping')).toEqual(['status']);
    expect(await refused('/api/v1/schedules?owner=bob')).toEqual(['owner']);
    expect(await refused('/api/v1/schedules?limit=500')).toEqual(['limit']);
    expect(await refused('/api/v1/schedules?cursor=damaged')).toEqual(['cursor']);
    expect(await refused('/api/v1/schedules/export.csv?stauts=active', getExport)).toEqual([
      'stauts',
    ]);
    expect(await refused('/api/v1/library?categroy=Resilience', getLibrary)).toEqual(['categroy']);
    expect(await refused('/api/v1/library?interval=hourly', getLibrary)).toEqual(['interval']);
    expect(await refused('/api/v1/me?verbose=1', getMe)).toEqual(['verbose']);
  });

  it('refuses a misspelt body field by its name', async () => {
    const response = await call(postSchedule, 'POST', '/api/v1/schedules', {
      body: { ...valid(`${unique} misspelt`), dueInDayz: 3 },
    });
    expect(response.status).toBe(400);
    // As the incidents test asserts: the field's name is in `fields` (under its own key once
    // errors name unknown fields by it).
    expect(JSON.stringify((await response.json()).fields)).toContain('dueInDayz');
  });
});

describe('the library and /me', () => {
  it('lists the library with a count, and copies answer schedules with owner objects', async () => {
    const library = exactly(
      libraryPageJson,
      await (await call(getLibrary, 'GET', '/api/v1/library?category=Resilience')).json(),
    );
    expect(library.count).toBe(library.data.length);
    expect(library).toMatchObject({ nextCursor: null, countCapped: false });

    const copied = await call(postCopy, 'POST', '/api/v1/library/copy', {
      body: {
        keys: ['backup-verification'],
        timeZone: 'UTC',
        owner: `user:${people.power_user.id}`,
      },
    });
    expect(copied.status).toBe(201);
    const body = exactly(libraryCopyJson, await copied.json());
    expect(body.data[0].owner).toEqual({
      type: 'user',
      id: people.power_user.id,
      name: people.power_user.name,
    });
  });

  it('describes the token’s person by its documented schema', async () => {
    const me = exactly(meJson, await (await call(getMe, 'GET', '/api/v1/me')).json());
    expect(me).toMatchObject({ id: people.power_user.id, role: 'power_user' });
    expect(me.owner).toEqual({
      type: 'user',
      id: people.power_user.id,
      name: people.power_user.name,
    });
  });
});

describe('the OpenAPI document', () => {
  const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

  function routeFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? routeFiles(join(dir, entry.name))
        : entry.name === 'route.ts'
          ? [join(dir, entry.name)]
          : [],
    );
  }

  it('names every method of the schedules, library and /me routes', async () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    const root = join(process.cwd(), 'app');
    for (const area of ['schedules', 'library', 'me']) {
      for (const file of routeFiles(join(root, 'api/v1', area))) {
        const path = `/${relative(root, file)}`
          .replace(/\/route\.ts$/, '')
          .replace(/\[(\w+)\]/g, '{$1}');
        const mod = (await import(file)) as Record<string, unknown>;
        for (const method of METHODS)
          if (mod[method] && !paths[path]?.[method.toLowerCase()])
            missing.push(`${method} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
