import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, tasks, users, type Role, type User } from '@/db/schema';
import * as oneIncident from '@/app/api/v1/incidents/[number]/route';
import { POST as postIncidentClose } from '@/app/api/v1/incidents/[number]/close/route';
import { POST as postBulkIncidents } from '@/app/api/v1/incidents/bulk/close/route';
import { POST as postOldBulkIncidents } from '@/app/api/v1/incidents/close/route';
import { POST as postIncident } from '@/app/api/v1/incidents/route';
import { POST as postBulkTasks } from '@/app/api/v1/tasks/bulk/close/route';
import { POST as postTask } from '@/app/api/v1/tasks/route';
import * as oneTask from '@/app/api/v1/tasks/[number]/route';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { taskNumberLabel } from '@/lib/tasks/schemas';
import { peopleWithTokens, routeCaller, type Call, type Handler } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// Bulk operations under one scheme: POST /{kind}/bulk/close for many, /{kind}/{number}/close
// for one; the old POST /incidents/close answers as before, marked deprecated.

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const unique = `api-bulk-${Date.now()}`;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  const makeUser = async (role: Role) =>
    (
      await db
        .insert(users)
        .values({ email: `${unique}-${role}@example.com`, name: `${role} bulk`, role })
        .returning()
    )[0];
  await peopleWithTokens(db, makeUser, people, tokens);
});

const call = routeCaller(() => tokens.admin);
const incident = async (title: string) =>
  (
    await call(postIncident as Handler, 'POST', '/api/v1/incidents', {
      body: { title: `${unique} ${title}` },
    })
  ).json();
const task = async (title: string) =>
  (
    await call(postTask as Handler, 'POST', '/api/v1/tasks', {
      body: { title: `${unique} ${title}` },
    })
  ).json();
const state = async (handler: Handler, number: string) =>
  (await (await call(handler, 'GET', `/x/${number}`, { number })).json()).state;

describe('bulk close of incidents', () => {
  it('closes at /incidents/bulk/close, and at the old path with deprecation headers', async () => {
    const [a, b, c] = [await incident('a'), await incident('b'), await incident('c')];
    const bulk = await call(postBulkIncidents as Handler, 'POST', '/api/v1/incidents/bulk/close', {
      body: { numbers: [a.number, b.number, 99_999_999], note: 'Duplicates of one alert.' },
    });
    expect(bulk.status).toBe(200);
    expect(await bulk.json()).toEqual({ closed: 2, alreadyClosed: 0, missing: 1 });
    expect(bulk.headers.get('deprecation')).toBeNull();
    expect(await state(oneIncident.GET, a.number)).toBe('closed');

    const old = await call(postOldBulkIncidents as Handler, 'POST', '/api/v1/incidents/close', {
      body: { numbers: [b.number, c.number], note: 'Duplicates of one alert.' },
    });
    expect(old.status).toBe(200);
    expect(await old.json()).toEqual({ closed: 1, alreadyClosed: 1, missing: 0 });
    expect(old.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(old.headers.get('link')).toBe('</api/v1/incidents/bulk/close>; rel="successor-version"');
  });

  it('keeps both paths for administrators', async () => {
    const one = await incident('not for users');
    for (const handler of [postBulkIncidents, postOldBulkIncidents]) {
      const refused = await call(handler as Handler, 'POST', '/api/v1/incidents/bulk/close', {
        token: tokens.user,
        body: { numbers: [one.number], note: 'Not mine.' },
      });
      expect(refused.status).toBe(403);
    }
  });
});

describe('closing one incident', () => {
  it('closes at /incidents/{number}/close with its note, against the version', async () => {
    const one = await incident('single');
    const path = `/api/v1/incidents/${one.number}/close`;
    const close = (body: unknown, options: Call = {}) =>
      call(postIncidentClose, 'POST', path, { number: one.number, body, ...options });

    expect((await close({ version: one.version })).status).toBe(400);
    expect(
      (await close({ version: one.version, note: 'Benign.' }, { token: tokens.read_only })).status,
    ).toBe(403);
    const closed = await close({ version: one.version, note: 'Benign: a scheduled scan.' });
    expect(closed.status).toBe(200);
    const body = await closed.json();
    expect(body).toMatchObject({ state: 'closed', closingNote: 'Benign: a scheduled scan.' });
    expect(closed.headers.get('etag')).toBe(`"${body.version}"`);
    // The version guards it: a second close at the old version is refused, nothing written.
    expect((await close({ version: one.version, note: 'Again.' })).status).toBe(409);
    const stale = await close({ note: 'Again.' }, { headers: { 'if-match': `"${one.version}"` } });
    expect(stale.status).toBe(412);
  });
});

describe('bulk close of tasks', () => {
  it('closes many with one findings text, each logged as its own close', async () => {
    const [a, b, done] = [await task('a'), await task('b'), await task('done')];
    const closedBefore = await call(oneTask.PATCH, 'PATCH', `/api/v1/tasks/${done.number}`, {
      number: done.number,
      body: { version: done.version, transition: 'close', findings: 'Reviewed earlier.' },
    });
    expect(closedBefore.status).toBe(200);

    const response = await call(postBulkTasks as Handler, 'POST', '/api/v1/tasks/bulk/close', {
      body: {
        numbers: [
          a.number,
          b.number.replace('TASK-', ''),
          done.number,
          taskNumberLabel(99_999_999),
        ],
        findings: 'Reviewed with the quarterly access review.',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ closed: 2, alreadyClosed: 1, missing: 1 });

    const rows = await db
      .select({ id: tasks.id, state: tasks.state, findings: tasks.findings })
      .from(tasks)
      .where(inArray(tasks.id, [a.id, b.id, done.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.state, r.findings]]))).toEqual({
      [a.id]: ['closed', 'Reviewed with the quarterly access review.'],
      [b.id]: ['closed', 'Reviewed with the quarterly access review.'],
      [done.id]: ['closed', 'Reviewed earlier.'],
    });
    const logged = await db
      .select({ entityId: activityLog.entityId })
      .from(activityLog)
      .where(
        and(eq(activityLog.action, 'task.closed'), inArray(activityLog.entityId, [a.id, b.id])),
      );
    expect(logged).toHaveLength(2);
  });

  it('closes exactly the tasks a list filter matches, and names a bad filter parameter', async () => {
    const [a, b, other] = [await task('filtered a'), await task('filtered b'), await task('other')];
    const post = (body: unknown) =>
      call(postBulkTasks as Handler, 'POST', '/api/v1/tasks/bulk/close', { body });
    const response = await post({
      filter: `q=${encodeURIComponent(`${unique} filtered`)}`,
      findings: 'Reviewed as one batch.',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ closed: 2, alreadyClosed: 0, missing: 0 });
    expect([await state(oneTask.GET, a.number), await state(oneTask.GET, b.number)]).toEqual([
      'closed',
      'closed',
    ]);
    expect(await state(oneTask.GET, other.number)).toBe('open');

    const misspelt = await post({ filter: 'stauts=open', findings: 'x' });
    expect(misspelt.status).toBe(400);
    expect(Object.keys((await misspelt.json()).fields)).toEqual(['filter.stauts']);
    const both = await post({ numbers: [other.number], filter: 'q=x', findings: 'x' });
    expect(both.status).toBe(400);
  });

  it('needs findings and numbers, and is for administrators as the incidents’ bulk close is', async () => {
    const one = await task('refused');
    const post = (body: unknown, options: Call = {}) =>
      call(postBulkTasks as Handler, 'POST', '/api/v1/tasks/bulk/close', { body, ...options });
    const missing = await post({ numbers: [one.number] });
    expect(missing.status).toBe(400);
    expect(Object.keys((await missing.json()).fields)).toEqual(['findings']);
    expect((await post({ numbers: ['INC-1'], findings: 'x' })).status).toBe(400);
    expect(
      (await post({ numbers: [one.number], findings: 'Mine.' }, { token: tokens.power_user }))
        .status,
    ).toBe(403);
    expect(await state(oneTask.GET, one.number)).toBe('open');
  });
});

describe('the OpenAPI document', () => {
  it('names the bulk and single closes, and marks the old path deprecated', () => {
    const paths = buildOpenApiDocument().paths as Record<
      string,
      Record<string, { deprecated?: boolean }>
    >;
    expect(paths['/api/v1/incidents/close'].post.deprecated).toBe(true);
    expect(paths['/api/v1/incidents/bulk/close'].post.deprecated).toBeUndefined();
    expect(paths['/api/v1/tasks/bulk/close'].post).toBeDefined();
    expect(paths['/api/v1/incidents/{number}/close'].post).toBeDefined();
    expect(paths['/api/v1/tasks/{number}/close'].post).toBeDefined();
  });
});
