import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { incidents, users, type Role, type User } from '@/db/schema';
import { GET as getOne, PATCH as patchOne } from '@/app/api/v1/incidents/[number]/route';
import { POST as postNote } from '@/app/api/v1/incidents/[number]/notes/route';
import { POST as postClose } from '@/app/api/v1/incidents/close/route';
import { GET as getExport } from '@/app/api/v1/incidents/export.csv/route';
import { GET as getList, POST as postIncident } from '@/app/api/v1/incidents/route';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken, revokeApiToken } from '@/lib/auth/api-tokens';
import { peopleWithTokens, routeCaller, type Call, type Handler } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The route handlers called as Next.js calls them: a Request and the route context, with
// getDb() pointed at this file's own database.

const system = systemActor('test');

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  await peopleWithTokens(db, (role) => makeUser(role), people, tokens);
});

let counter = 0;
async function makeUser(role: Role, name?: string): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({
      email: `api-${role}-${counter}@example.com`,
      name: name ?? `${role} ${counter}`,
      role,
      timeZone: 'America/Chicago',
    })
    .returning();
  return user;
}

const call = routeCaller(() => tokens.user);

const list = (options: Call = {}) => call(getList as Handler, 'GET', '/api/v1/incidents', options);
const create = (body: unknown, options: Call = {}) =>
  call(postIncident as Handler, 'POST', '/api/v1/incidents', { ...options, body });
const show = (number: string | number, options: Call = {}) =>
  call(getOne, 'GET', `/api/v1/incidents/${number}`, { ...options, number });
const patch = (number: string | number, body: unknown, options: Call = {}) =>
  call(patchOne, 'PATCH', `/api/v1/incidents/${number}`, { ...options, number, body });
const note = (number: string | number, body: unknown, options: Call = {}) =>
  call(postNote, 'POST', `/api/v1/incidents/${number}/notes`, { ...options, number, body });
const close = (body: unknown, options: Call = {}) =>
  call(postClose as Handler, 'POST', '/api/v1/incidents/close', { ...options, body });
const exportCsv = (options: Call = {}) =>
  call(getExport as Handler, 'GET', '/api/v1/incidents/export.csv', options);

type IncidentBody = {
  id: string;
  number: string;
  title: string;
  state: string;
  version: number;
  dedupeCount: number;
  notesCount: number;
  deduplicated?: boolean;
};

async function opened(title: string, extra: Record<string, unknown> = {}): Promise<IncidentBody> {
  const response = await create({ title, ...extra });
  expect(response.status).toBe(201);
  return response.json();
}

describe('token auth', () => {
  it('answers 401 without a token, with an unknown one, and with a revoked one', async () => {
    expect((await list({ token: null })).status).toBe(401);
    expect((await list({ token: 'vgl_notarealtoken' })).status).toBe(401);
    const owner = await makeUser('user');
    const { token, record } = await createApiToken(db, system, {
      userId: owner.id,
      name: 'soon revoked',
    });
    expect((await list({ token })).status).toBe(200);
    await revokeApiToken(db, system, record.id);
    const refused = await list({ token });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining('not valid') });
  });

  it('answers 401 once the token user is deactivated', async () => {
    const owner = await makeUser('user');
    const { token } = await createApiToken(db, system, { userId: owner.id, name: 'leaver' });
    await db.update(users).set({ active: false }).where(eq(users.id, owner.id));
    expect((await create({ title: 'From a leaver' }, { token })).status).toBe(401);
  });
});

describe('roles', () => {
  it('lets a read-only token read and export but not create, change, note or close', async () => {
    const incident = await opened('Seen by an auditor');
    const reader = { token: tokens.read_only };
    expect((await list(reader)).status).toBe(200);
    expect((await show(incident.number, reader)).status).toBe(200);
    expect((await exportCsv(reader)).status).toBe(200);

    expect((await create({ title: 'Auditor tries' }, reader)).status).toBe(403);
    expect(
      (await patch(incident.number, { version: incident.version, title: 'Auditor edits' }, reader))
        .status,
    ).toBe(403);
    expect(
      (await patch(incident.number, { version: incident.version, state: 'analysis' }, reader))
        .status,
    ).toBe(403);
    expect((await note(incident.number, { body: 'Auditor notes' }, reader)).status).toBe(403);
    expect(
      (await close({ numbers: [incident.number], note: 'Auditor closes' }, reader)).status,
    ).toBe(403);
    // Even with a body that would be a 400: the role is checked first.
    expect((await create({ title: '' }, reader)).status).toBe(403);

    const after = await (await show(incident.number)).json();
    expect(after).toMatchObject({
      title: 'Seen by an auditor',
      state: 'triage',
      version: incident.version,
      notesCount: 0,
    });
  });

  it('keeps bulk close for administrators', async () => {
    const incident = await opened('Bulk close candidate');
    for (const role of ['user', 'power_user'] as const) {
      const refused = await close(
        { numbers: [incident.number], note: 'Not mine to close' },
        { token: tokens[role] },
      );
      expect(refused.status).toBe(403);
    }
    const done = await close(
      { numbers: [incident.number], note: 'False positive' },
      { token: tokens.admin },
    );
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ closed: 1, alreadyClosed: 0, missing: 0 });
  });
});

describe('POST /api/v1/incidents', () => {
  it('opens an incident: 201, Location, and the serialized incident', async () => {
    const owner = people.power_user;
    const response = await create({
      title: 'Malware on WS-114',
      severity: 'high',
      owner: `user:${owner.id}`,
      watchers: [{ userId: people.admin.id }],
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(response.headers.get('location')).toBe(`/api/v1/incidents/${body.number}`);
    expect(body).toMatchObject({
      number: expect.stringMatching(/^INC-\d+$/),
      title: 'Malware on WS-114',
      state: 'triage',
      severity: 'high',
      source: 'user',
      owner: { type: 'user', id: owner.id, name: owner.name },
      createdBy: { id: people.user.id, name: people.user.name },
      watchers: [{ userId: people.admin.id, frequency: 'all' }],
      responseStatus: 'on-track',
      version: 1,
      deduplicated: false,
    });
    expect(new Date(body.responseDueAt).getTime() - new Date(body.createdAt).getTime()).toBe(
      2 * 3_600_000,
    );
  });

  it('answers 400 listing each bad field, for malformed JSON, and for unknown fields', async () => {
    const bad = await create({ title: '', severity: 'urgent', watchers: [{ userId: 'nobody' }] });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(Object.keys(body.fields).sort()).toEqual(['severity', 'title', 'watchers.0.userId']);

    const malformed = await call(postIncident as Handler, 'POST', '/api/v1/incidents', {
      rawBody: '{"title": "half',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'Request body must be JSON.' });

    const empty = await call(postIncident as Handler, 'POST', '/api/v1/incidents', {});
    expect(empty.status).toBe(400);

    const huge = await create({ title: 'Huge', description: 'x'.repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);

    const misspelt = await create({ title: 'Typo', sevrity: 'high' });
    expect(misspelt.status).toBe(400);
    expect(JSON.stringify((await misspelt.json()).fields)).toContain('sevrity');

    const ghost = await create({ title: 'Ghost watcher', watchers: [{ userId: randomUUID() }] });
    expect(ghost.status).toBe(400);
    expect((await ghost.json()).fields).toHaveProperty('watchers');
  });

  it('dedupes alerts: a repeat while open is a note and a count; after closing, the key opens a new incident', async () => {
    const alert = {
      title: 'IDS: port scan from 203.0.113.7',
      source: 'alert',
      dedupeKey: `ids-${randomUUID()}`,
    };
    const first = await create(alert);
    expect(first.status).toBe(201);
    const firstBody: IncidentBody = await first.json();

    const repeat = await create({ ...alert, description: 'Seen again' });
    expect(repeat.status).toBe(200);
    const repeatBody: IncidentBody = await repeat.json();
    expect(repeatBody).toMatchObject({
      number: firstBody.number,
      deduplicated: true,
      dedupeCount: 1,
      notesCount: 1,
    });
    expect(
      await db.select().from(incidents).where(eq(incidents.dedupeKey, alert.dedupeKey)),
    ).toHaveLength(1);

    const closed = await patch(firstBody.number, {
      version: repeatBody.version,
      state: 'closed',
      note: 'Scanner blocked at the edge',
    });
    expect(closed.status).toBe(200);
    const again = await create(alert);
    expect(again.status).toBe(201);
    expect((await again.json()).number).not.toBe(firstBody.number);
  });
});

describe('POST /api/v1/incidents with a repeated dedupe key', () => {
  it('leaves the version alone, so a PATCH against the version read before three repeats succeeds', async () => {
    const alert = {
      title: 'WAF: SQL injection probes on /login',
      source: 'alert',
      dedupeKey: `waf-${randomUUID()}`,
    };
    const first = await opened(alert.title, alert);
    for (let i = 0; i < 3; i++)
      expect((await create({ ...alert, description: `burst ${i}` })).status).toBe(200);
    const saved = await patch(first.number, {
      version: first.version,
      title: 'WAF: SQL injection probes (blocked)',
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      dedupeCount: 3,
      notesCount: 3,
      version: first.version + 1,
      title: 'WAF: SQL injection probes (blocked)',
    });
  });
});

describe('GET /api/v1/incidents', () => {
  it('pages by cursor with a count, applying the list filters', async () => {
    const marker = `pager-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 5; i++)
      await opened(`${marker} ${i}`, { severity: i % 2 ? 'low' : 'medium' });

    const first = await list({ query: `q=${marker}&limit=2` });
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1).toMatchObject({ count: 5, countCapped: false });
    expect(page1.data).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));

    const seen = [...page1.data];
    let cursor: string | null = page1.nextCursor;
    while (cursor) {
      const page = await (
        await list({ query: `q=${marker}&limit=2&cursor=${encodeURIComponent(cursor)}` })
      ).json();
      seen.push(...page.data);
      cursor = page.nextCursor;
    }
    expect(seen.map((row) => row.title)).toEqual([4, 3, 2, 1, 0].map((i) => `${marker} ${i}`));

    const low = await (await list({ query: `q=${marker}&severity=low` })).json();
    expect(low.data.map((row: { severity: string }) => row.severity)).toEqual(['low', 'low']);
    expect(low.data[0]).toMatchObject({
      number: expect.stringMatching(/^INC-/),
      owner: null,
      createdBy: { id: people.user.id },
    });
  });

  it('answers 400 naming the parameter for unknown filter values, unknown parameters and a bad limit', async () => {
    const cases: [string, string][] = [
      ['state=bogus', 'state'],
      ['severity=high,urgent', 'severity'],
      ['owner=nobody', 'owner'],
      ['dueFrom=2026-02-30', 'dueFrom'],
      ['sort=colour', 'sort'],
      ['cursor=garbage', 'cursor'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['severty=high', 'severty'],
    ];
    for (const [query, field] of cases) {
      const response = await list({ query });
      expect(response.status, query).toBe(400);
      expect(Object.keys((await response.json()).fields), query).toContain(field);
    }
  });
});

describe('GET and PATCH /api/v1/incidents/{number}', () => {
  it('finds an incident by 1042 or INC-1042, and answers 404 JSON otherwise', async () => {
    const incident = await opened('Lookup');
    const digits = incident.number.replace('INC-', '');
    for (const form of [incident.number, digits, incident.number.toLowerCase()]) {
      const response = await show(form);
      expect(response.status, form).toBe(200);
      expect((await response.json()).id).toBe(incident.id);
    }
    for (const form of ['INC-999999', 'abc', '12-34']) {
      const response = await show(form);
      expect(response.status, form).toBe(404);
      expect(await response.json()).toMatchObject({
        error: expect.stringContaining('no incident'),
      });
    }
  });

  it('changes fields against the version and refuses a stale one with 409 and who changed it', async () => {
    const incident = await opened('Versioned');
    const dana = await makeUser('user', 'Dana Whitfield');
    const danaToken = (await createApiToken(db, system, { userId: dana.id, name: 'dana' })).token;

    const first = await patch(
      incident.number,
      { version: incident.version, title: 'Versioned, by Dana', severity: 'medium' },
      { token: danaToken },
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      title: 'Versioned, by Dana',
      severity: 'medium',
      version: incident.version + 1,
    });

    const stale = await patch(incident.number, { version: incident.version, title: 'Overwrite' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatch(
      /^This incident was changed by Dana Whitfield at \d\d:\d\d C[SD]T — reload to see it\.$/,
    );
  });

  it('moves the state through PATCH, asking for a note to close', async () => {
    const incident = await opened('Moving');
    const noNote = await patch(incident.number, { version: incident.version, state: 'closed' });
    expect(noNote.status).toBe(400);
    expect((await noNote.json()).fields).toHaveProperty('note');

    const moved = await patch(incident.number, {
      version: incident.version,
      state: 'analysis',
      title: 'Moving, renamed',
    });
    expect(moved.status).toBe(200);
    const body = await moved.json();
    expect(body).toMatchObject({
      state: 'analysis',
      title: 'Moving, renamed',
      version: incident.version + 2,
      responseStatus: 'met',
    });

    const badState = await patch(incident.number, { version: body.version, state: 'done' });
    expect(badState.status).toBe(400);
    expect((await badState.json()).fields).toHaveProperty('state');
    const missingVersion = await patch(incident.number, { title: 'No version' });
    expect(missingVersion.status).toBe(400);
    expect((await missingVersion.json()).fields).toHaveProperty('version');
    expect((await patch('INC-999999', { version: 1, title: 'x' })).status).toBe(404);
  });

  it('applies fields and state together or not at all', async () => {
    const key = `edr-${randomUUID()}`;
    const old = await opened('Old alert', { source: 'alert', dedupeKey: key });
    const closed = await (
      await patch(old.number, { version: old.version, state: 'closed', note: 'Handled' })
    ).json();
    await opened('New alert', { source: 'alert', dedupeKey: key });

    // Reopening the old one would give the key two open incidents: refused, and the title change with it.
    const refused = await patch(old.number, {
      version: closed.version,
      title: 'Renamed while reopening',
      state: 'analysis',
      note: 'It is back',
    });
    expect(refused.status).toBe(409);
    expect(await (await show(old.number)).json()).toMatchObject({
      title: 'Old alert',
      state: 'closed',
      version: closed.version,
    });
  });
});

describe('POST /api/v1/incidents/{number}/notes', () => {
  it('adds a note (201), refuses an empty one (400) and an unknown incident (404)', async () => {
    const incident = await opened('Noted');
    const added = await note(incident.number, { body: 'Called the branch manager' });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      incident: incident.number,
      body: 'Called the branch manager',
      author: { id: people.user.id },
    });
    expect((await (await show(incident.number)).json()).notesCount).toBe(1);

    const empty = await note(incident.number, { body: '  ' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).fields).toHaveProperty('body');
    expect((await note('INC-999999', { body: 'Lost' })).status).toBe(404);
    expect(
      (await call(postNote, 'POST', '/x', { number: incident.number, rawBody: 'not json' })).status,
    ).toBe(400);
  });
});

describe('POST /api/v1/incidents/close', () => {
  const admin = () => ({ token: tokens.admin });

  it('closes the given numbers, counting the already closed and the missing', async () => {
    const [a, b, c] = [await opened('Close a'), await opened('Close b'), await opened('Close c')];
    await close({ numbers: [c.number], note: 'First' }, admin());
    const response = await close(
      {
        numbers: [a.number, Number(b.number.slice(4)), c.number, 'INC-999999'],
        note: 'Phishing wave',
      },
      admin(),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ closed: 2, alreadyClosed: 1, missing: 1 });
    expect(await (await show(a.number)).json()).toMatchObject({
      state: 'closed',
      closingNote: 'Phishing wave',
    });
  });

  it('takes more numbers than PostgreSQL takes parameters in one statement', async () => {
    const real = [await opened('Among many 1'), await opened('Among many 2')];
    const unknown = Array.from({ length: 70_000 }, (_, i) => 50_000_000 + i);
    const response = await close(
      { numbers: [...unknown, ...real.map((r) => r.number)], note: 'Mass cleanup' },
      admin(),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ closed: 2, alreadyClosed: 0, missing: 70_000 });
  });

  it('closes exactly what a filter matches, nothing outside it', async () => {
    const marker = `wave-${randomUUID().slice(0, 8)}`;
    const inside = [
      await opened(`${marker} low 1`, { severity: 'low' }),
      await opened(`${marker} low 2`, { severity: 'low' }),
    ];
    const outside = [
      await opened(`${marker} high`, { severity: 'high' }),
      await opened('Unrelated low', { severity: 'low' }),
    ];

    const response = await close(
      { filter: `?q=${marker}&severity=low`, note: 'Known benign' },
      admin(),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ closed: 2, alreadyClosed: 0, missing: 0 });
    for (const incident of inside)
      expect((await (await show(incident.number)).json()).state).toBe('closed');
    for (const incident of outside)
      expect((await (await show(incident.number)).json()).state).toBe('triage');
  });

  it('answers 400 for both or neither of numbers and filter, a bad filter, or no note', async () => {
    const cases: [unknown, string][] = [
      [{ numbers: ['INC-1'], filter: 'state=triage', note: 'x' }, 'numbers'],
      [{ note: 'x' }, 'numbers'],
      [{ filter: 'state=bogus', note: 'x' }, 'filter.state'],
      [{ filter: 'colour=red', note: 'x' }, 'filter.colour'],
      [{ numbers: ['twelve'], note: 'x' }, 'numbers.0'],
      [{ numbers: ['INC-1'] }, 'note'],
    ];
    for (const [body, field] of cases) {
      const response = await close(body, admin());
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await response.json()).fields), JSON.stringify(body)).toContain(field);
    }
  });
});

describe('GET /api/v1/incidents/export.csv', () => {
  it('streams the filtered incidents as a CSV download', async () => {
    const marker = `export-${randomUUID().slice(0, 8)}`;
    await opened(`${marker} one`);
    await opened(`=${marker} formula`);
    const response = await exportCsv({ query: `q=${marker}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vigil-incidents-\d{8}-\d{4}\.csv"$/,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFFNumber,Title,State,Severity,Owner')).toBe(true);
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(text).not.toMatch(/(^|,)=export-/m);

    const bad = await exportCsv({ query: 'state=bogus' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toHaveProperty('state');
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document, served without a token, describing every route', async () => {
    const response = getOpenApi();
    expect(response.status).toBe(200);
    const doc = JSON.parse(await response.text());
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/v1/calendar/people/{file}',
        '/api/v1/calendar/schedules/{file}',
        '/api/v1/events',
        '/api/v1/events/export.csv',
        '/api/v1/events/histogram',
        '/api/v1/incidents',
        '/api/v1/incidents/bulk/close',
        '/api/v1/incidents/close',
        '/api/v1/incidents/export.csv',
        '/api/v1/incidents/{number}',
        '/api/v1/incidents/{number}/close',
        '/api/v1/incidents/{number}/notes',
        '/api/v1/incidents/{number}/events',
        '/api/v1/library',
        '/api/v1/library/copy',
        '/api/v1/me',
        '/api/v1/openapi.json',
        '/api/v1/reports/compliance',
        '/api/v1/reports/compliance.csv',
        '/api/v1/schedules',
        '/api/v1/schedules/export.csv',
        '/api/v1/schedules/{id}',
        '/api/v1/schedules/{id}/generate',
        '/api/v1/schedules/{id}/periods.csv',
        '/api/v1/tasks',
        '/api/v1/tasks/bulk/close',
        '/api/v1/tasks/export.csv',
        '/api/v1/tasks/{number}',
        '/api/v1/tasks/{number}/close',
      ].sort(),
    );
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, unknown>)
        .filter(([method]) => ['get', 'post', 'patch'].includes(method))
        .map(([method, op]) => ({
          path,
          method,
          op: op as {
            responses: Record<string, unknown>;
            requestBody?: unknown;
            security?: unknown[];
          },
        })),
    );
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      [
        'get /api/v1/calendar/people/{file}',
        'get /api/v1/calendar/schedules/{file}',
        'get /api/v1/events',
        'post /api/v1/events',
        'get /api/v1/events/export.csv',
        'get /api/v1/events/histogram',
        'get /api/v1/incidents',
        'post /api/v1/incidents',
        'get /api/v1/incidents/{number}',
        'patch /api/v1/incidents/{number}',
        'post /api/v1/incidents/{number}/notes',
        'get /api/v1/incidents/{number}/events',
        'post /api/v1/incidents/{number}/events',
        'post /api/v1/incidents/{number}/close',
        'post /api/v1/incidents/bulk/close',
        'post /api/v1/incidents/close',
        'get /api/v1/incidents/export.csv',
        'get /api/v1/library',
        'post /api/v1/library/copy',
        'get /api/v1/me',
        'get /api/v1/schedules',
        'post /api/v1/schedules',
        'get /api/v1/schedules/{id}',
        'patch /api/v1/schedules/{id}',
        'post /api/v1/schedules/{id}/generate',
        'get /api/v1/schedules/{id}/periods.csv',
        'get /api/v1/schedules/export.csv',
        'post /api/v1/tasks/bulk/close',
        'get /api/v1/openapi.json',
        'get /api/v1/reports/compliance',
        'get /api/v1/reports/compliance.csv',
        'get /api/v1/tasks',
        'post /api/v1/tasks',
        'get /api/v1/tasks/{number}',
        'patch /api/v1/tasks/{number}',
        'post /api/v1/tasks/{number}/close',
        'get /api/v1/tasks/export.csv',
      ].sort(),
    );
    for (const { path, method, op } of operations) {
      // Paths that take no token (the document, calendar feeds' secret URLs) answer no 401/403.
      if (op.security?.length === 0) continue;
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
        expect.arrayContaining(['401', '403']),
      );
      // "Generate now" is the one write without a body.
      if (method !== 'get' && !path.endsWith('/generate'))
        expect(op.requestBody, `${method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/v1/incidents/{number}'].patch.responses)).toEqual(
      expect.arrayContaining(['200', '400', '404', '409']),
    );
    expect(Object.keys(doc.paths['/api/v1/incidents'].post.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400']),
    );

    // Every $ref points at something the document defines.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const target = ref
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
    // Request bodies come from the domain's zod schemas.
    expect(doc.components.schemas.CreateIncident.required).toEqual(['title']);
    expect(doc.components.schemas.CreateIncident.properties.severity.enum).toEqual([
      'none',
      'low',
      'medium',
      'high',
    ]);
    expect(doc.components.schemas.PatchIncident.required).toEqual(['version']);
  });
});
