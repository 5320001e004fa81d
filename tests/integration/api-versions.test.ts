import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import * as oneIncident from '@/app/api/v1/incidents/[number]/route';
import { POST as postIncident } from '@/app/api/v1/incidents/route';
import * as oneTask from '@/app/api/v1/tasks/[number]/route';
import { POST as postTaskClose } from '@/app/api/v1/tasks/[number]/close/route';
import { POST as postTask } from '@/app/api/v1/tasks/route';
import * as oneSchedule from '@/app/api/v1/schedules/[id]/route';
import { POST as postSchedule } from '@/app/api/v1/schedules/route';
import { peopleWithTokens, routeCaller, type Call, type Handler } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// ETag on the answers of an incident, a task and a schedule, and If-Match as the version
// a write edits: 412 when the item moved on, 400 when it contradicts the body's version.

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const unique = `api-versions-${Date.now()}`;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  const makeUser = async (role: Role) =>
    (
      await db
        .insert(users)
        .values({ email: `${unique}-${role}@example.com`, name: `${role} v`, role })
        .returning()
    )[0];
  await peopleWithTokens(db, makeUser, people, tokens);
});

const call = routeCaller(() => tokens.power_user);
const ifMatch = (etag: string): Call => ({ headers: { 'if-match': etag } });

type Kind = {
  name: string;
  create: () => Promise<{ path: string; key: string }>;
  get: Handler;
  patch: Handler;
  edit: Record<string, unknown>;
};

const kinds: Kind[] = [
  {
    name: 'incident',
    create: async () => {
      const body = await (
        await call(postIncident as Handler, 'POST', '/api/v1/incidents', {
          body: { title: `${unique} incident` },
        })
      ).json();
      return { path: `/api/v1/incidents/${body.number}`, key: body.number };
    },
    get: oneIncident.GET,
    patch: oneIncident.PATCH,
    edit: { severity: 'high' },
  },
  {
    name: 'task',
    create: async () => {
      const body = await (
        await call(postTask as Handler, 'POST', '/api/v1/tasks', {
          body: { title: `${unique} task` },
        })
      ).json();
      return { path: `/api/v1/tasks/${body.number}`, key: body.number };
    },
    get: oneTask.GET,
    patch: oneTask.PATCH,
    edit: { title: `${unique} task, renamed` },
  },
  {
    name: 'schedule',
    create: async () => {
      const body = await (
        await call(postSchedule as Handler, 'POST', '/api/v1/schedules', {
          body: {
            name: `${unique} schedule`,
            pattern: { kind: 'daily' },
            timeOfDay: '08:00',
            timeZone: 'UTC',
            startDate: '2026-03-01',
            dueInDays: 1,
          },
        })
      ).json();
      return { path: `/api/v1/schedules/${body.id}`, key: body.id };
    },
    get: oneSchedule.GET as unknown as Handler,
    patch: oneSchedule.PATCH as unknown as Handler,
    edit: { groupName: 'Versions' },
  },
];

// The schedule routes read `id`, the ticket routes `number`: give both.
function withKey(key: string, options: Call = {}): Call {
  return { ...options, number: key };
}
async function send(handler: Handler, method: string, path: string, key: string, options: Call) {
  const headers = new Headers({ authorization: `Bearer ${tokens.power_user}` });
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body) headers.set('content-type', 'application/json');
  const request = new Request(`http://vigil.test${path}`, { method, headers, body });
  return (handler as unknown as (r: Request, c: unknown) => Promise<Response>)(request, {
    params: Promise.resolve({ number: key, id: key }),
  });
}

describe.each(kinds)('the $name answers its version as ETag and takes If-Match', (kind) => {
  it('sends ETag on GET and PATCH, from the version', async () => {
    const { path, key } = await kind.create();
    const shown = await send(kind.get, 'GET', path, key, withKey(key));
    expect(shown.status).toBe(200);
    const { version } = await shown.json();
    expect(shown.headers.get('etag')).toBe(`"${version}"`);
    const patched = await send(kind.patch, 'PATCH', path, key, {
      body: { version, ...kind.edit },
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe(`"${version + 1}"`);
    expect((await patched.json()).version).toBe(version + 1);
  });

  it('writes with If-Match instead of a body version, and refuses a stale one with 412', async () => {
    const { path, key } = await kind.create();
    const etag = (await send(kind.get, 'GET', path, key, withKey(key))).headers.get('etag')!;
    const written = await send(kind.patch, 'PATCH', path, key, {
      ...ifMatch(etag),
      body: kind.edit,
    });
    expect(written.status).toBe(200);
    const after = await written.json();

    const stale = await send(kind.patch, 'PATCH', path, key, {
      ...ifMatch(etag),
      body: kind.edit,
    });
    expect(stale.status).toBe(412);
    const unchanged = await send(kind.get, 'GET', path, key, withKey(key));
    expect((await unchanged.json()).version).toBe(after.version);

    // A tag no version has (weak, or not ours) never matches.
    const weak = await send(kind.patch, 'PATCH', path, key, {
      ...ifMatch(`W/"${after.version}"`),
      body: kind.edit,
    });
    expect(weak.status).toBe(412);
  });

  it('refuses a body version that contradicts If-Match with a 400 naming version', async () => {
    const { path, key } = await kind.create();
    const { version } = await (await send(kind.get, 'GET', path, key, withKey(key))).json();
    const refused = await send(kind.patch, 'PATCH', path, key, {
      ...ifMatch(`"${version + 5}"`),
      body: { version, ...kind.edit },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys((await refused.json()).fields)).toEqual(['version']);
    const garbled = await send(kind.patch, 'PATCH', path, key, {
      ...ifMatch('three'),
      body: kind.edit,
    });
    expect(garbled.status).toBe(400);
  });

  it('keeps 409 for a stale version in the body', async () => {
    const { path, key } = await kind.create();
    const { version } = await (await send(kind.get, 'GET', path, key, withKey(key))).json();
    await send(kind.patch, 'PATCH', path, key, { body: { version, ...kind.edit } });
    const stale = await send(kind.patch, 'PATCH', path, key, { body: { version, ...kind.edit } });
    expect(stale.status).toBe(409);
  });
});

describe('closing a task with If-Match', () => {
  it('closes at the ETag it names, and answers 412 once the task moved on', async () => {
    const task = await (
      await call(postTask as Handler, 'POST', '/api/v1/tasks', {
        body: { title: `${unique} closing` },
      })
    ).json();
    const path = `/api/v1/tasks/${task.number}/close`;
    const options = { number: task.number, headers: { 'if-match': `"${task.version}"` } };
    const renamed = await call(oneTask.PATCH, 'PATCH', `/api/v1/tasks/${task.number}`, {
      number: task.number,
      body: { version: task.version, title: `${unique} closing, renamed` },
    });
    expect(renamed.status).toBe(200);
    const stale = await call(postTaskClose, 'POST', path, {
      ...options,
      body: { findings: 'Reviewed.' },
    });
    expect(stale.status).toBe(412);
    const closed = await call(postTaskClose, 'POST', path, {
      ...options,
      headers: { 'if-match': renamed.headers.get('etag')! },
      body: { findings: 'Reviewed.' },
    });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ state: 'closed', findings: 'Reviewed.' });
    expect(closed.headers.get('etag')).toBe(`"${task.version + 2}"`);
  });
});
