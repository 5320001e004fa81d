import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import * as oneRoute from '@/app/api/v1/tasks/[number]/route';
import { POST as postClose } from '@/app/api/v1/tasks/[number]/close/route';
import { GET as getExport } from '@/app/api/v1/tasks/export.csv/route';
import { GET as getList, POST as postTask } from '@/app/api/v1/tasks/route';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { parseCsv } from '../support/csv';
import { peopleWithTokens, routeCaller, type Call, type Handler } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The route handlers called as Next.js calls them, with getDb() pointed at this file's database.

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  const makeUser = async (role: Role) =>
    (
      await db
        .insert(users)
        .values({
          email: `tasks-api-${role}@example.com`,
          name: `${role} person`,
          role,
          timeZone: 'America/Chicago',
        })
        .returning()
    )[0];
  await peopleWithTokens(db, makeUser, people, tokens);
});

const call = routeCaller(() => tokens.user);

const list = (options: Call = {}) => call(getList as Handler, 'GET', '/api/v1/tasks', options);
const create = (body: unknown, options: Call = {}) =>
  call(postTask as Handler, 'POST', '/api/v1/tasks', { ...options, body });
const show = (number: string, options: Call = {}) =>
  call(oneRoute.GET, 'GET', `/api/v1/tasks/${number}`, { ...options, number });
const patch = (number: string, body: unknown, options: Call = {}) =>
  call(oneRoute.PATCH, 'PATCH', `/api/v1/tasks/${number}`, { ...options, number, body });
const close = (number: string, body: unknown, options: Call = {}) =>
  call(postClose, 'POST', `/api/v1/tasks/${number}/close`, { ...options, number, body });
const exportCsv = (options: Call = {}) =>
  call(getExport as Handler, 'GET', '/api/v1/tasks/export.csv', options);

type TaskBody = {
  id: string;
  number: string;
  title: string;
  state: string;
  version: number;
  overdue: boolean;
  findings: string | null;
  tags: string[];
};

describe('tasks API', () => {
  it('needs a valid token', async () => {
    expect((await list({ token: null })).status).toBe(401);
    expect((await list({ token: 'vgl_nope' })).status).toBe(401);
  });

  it('creates, reads, patches and closes a task; version conflicts are 409', async () => {
    const created = await create({
      title: 'Review privileged access',
      owner: `user:${people.user.id}`,
      dueAt: '2020-01-31T23:59:59-06:00',
      tags: ['Access'],
      watchers: [{ userId: people.power_user.id, frequency: 'opened_closed' }],
    });
    expect(created.status).toBe(201);
    const task = (await created.json()) as TaskBody;
    expect(created.headers.get('location')).toBe(`/api/v1/tasks/${task.number}`);
    expect(task).toMatchObject({ state: 'open', overdue: true, tags: ['access'] });

    const read = await show(task.number.replace('TASK-', ''), { token: tokens.read_only });
    expect(read.status).toBe(200);

    const patched = await patch(task.number, {
      version: task.version,
      title: 'Review privileged access (Q1)',
    });
    const after = (await patched.json()) as TaskBody;
    expect(after).toMatchObject({
      title: 'Review privileged access (Q1)',
      version: task.version + 1,
    });
    expect((await patch(task.number, { version: task.version, title: 'stale' })).status).toBe(409);

    const noFindings = await close(task.number, { version: after.version });
    expect(noFindings.status).toBe(400);
    expect(((await noFindings.json()) as { fields: Record<string, string> }).fields).toHaveProperty(
      'findings',
    );
    const closed = await close(task.number, {
      version: after.version,
      findings: 'Reviewed 31 admin accounts; removed 2.',
    });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({
      state: 'closed',
      overdue: false,
      findings: 'Reviewed 31 admin accounts; removed 2.',
    });

    const closedTask = (await (await show(task.number)).json()) as TaskBody;
    const reopened = await patch(task.number, {
      version: closedTask.version,
      state: 'open',
      note: 'Missed service accounts',
    });
    expect(await reopened.json()).toMatchObject({ state: 'open', findings: null });
    const invalid = await patch(task.number, { version: closedTask.version + 1, state: 'invalid' });
    expect(((await invalid.json()) as { fields: Record<string, string> }).fields).toHaveProperty(
      'reason',
    );
  });

  it('answers 400 naming the fields at fault', async () => {
    const bad = await create({
      title: '',
      owner: 'bob',
      sevrity: 'high',
      scheduleId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.status).toBe(400);
    const fields = Object.keys(((await bad.json()) as { fields: Record<string, string> }).fields);
    expect(fields).toEqual(expect.arrayContaining(['title', 'owner']));
    expect(fields.some((f) => f.includes('sevrity') || f === '_form')).toBe(true);
    expect((await create(undefined, { rawBody: '{not json' })).status).toBe(400);
    expect((await list({ query: 'state=done' })).status).toBe(400);
    expect((await list({ query: 'colour=red' })).status).toBe(400);
    expect((await show('INC-12')).status).toBe(404);
  });

  it('refuses writes to read-only tokens with 403 and lets them read and export', async () => {
    const { number } = (await (await create({ title: 'For the auditor' })).json()) as TaskBody;
    expect((await create({ title: 'No' }, { token: tokens.read_only })).status).toBe(403);
    expect(
      (await patch(number, { version: 1, title: 'No' }, { token: tokens.read_only })).status,
    ).toBe(403);
    expect(
      (await close(number, { version: 1, findings: 'No' }, { token: tokens.read_only })).status,
    ).toBe(403);
    expect((await list({ token: tokens.read_only })).status).toBe(200);
    expect((await exportCsv({ token: tokens.read_only })).status).toBe(200);
  });

  it('has no DELETE route: tasks are never deleted', async () => {
    const refused = await call(oneRoute.DELETE, 'DELETE', '/api/v1/tasks/TASK-1', {});
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, HEAD, PATCH, OPTIONS');
  });

  it('lists and exports the same tasks for the same filter', async () => {
    const res = await list({ query: 'state=all&limit=200' });
    const page = (await res.json()) as { data: TaskBody[]; count: number };
    const csv = await exportCsv({ query: 'state=all' });
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vigil-tasks-\d{8}-\d{4}\.csv"$/,
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      new Uint8Array(await csv.arrayBuffer()),
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [, ...rows] = parseCsv(text.slice(1));
    expect(rows.map((r) => r[0])).toEqual(page.data.map((t) => t.number));
    expect(page.count).toBe(page.data.length);
  });

  it('documents the task routes in the OpenAPI document', async () => {
    const doc = (await (await getOpenApi()).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/tasks',
        '/api/v1/tasks/{number}',
        '/api/v1/tasks/{number}/close',
        '/api/v1/tasks/export.csv',
      ]),
    );
    expect(doc.paths['/api/v1/tasks/{number}']).not.toHaveProperty('delete');
  });
});
