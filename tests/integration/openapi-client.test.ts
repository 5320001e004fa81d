import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { users, type Role, type User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import type { Db } from '@/db/client';
import { createPersonCalendarFeed, createScheduleCalendarFeed } from '@/lib/calendar/manage-feeds';
import { peopleWithTokens } from '../support/api-fixtures';
import { serveApiRoutes } from '../support/api-route-server';
import { openApiValidator } from '../support/openapi-validator';
import type { RouteServer } from '../support/route-server';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// A client generated from the served document, as an integrator would make one: its types
// (openapi-typescript) compile against a small client, and openapi-fetch calls every
// operation of the document over HTTP against the real route handlers, each answer checked
// against the document with Ajv. An operation the document has and this file never calls
// fails the last test.

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Json>>; components: { schemas: Json } };

const doc = JSON.parse(await getOpenApi().text()) as Doc;
const validate = openApiValidator(doc as unknown as Json);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((method) => METHODS.includes(method))
    .map((method) => `${method.toUpperCase()} ${path}`),
);

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const test = setUpAppTestDatabase(async () => {
  db = test.db;
  await peopleWithTokens(
    db,
    async (role) =>
      (
        await db
          .insert(users)
          .values({
            email: `openapi-client-${role}@example.com`,
            name: `Client ${role}`,
            role,
            timeZone: 'America/Chicago',
          })
          .returning()
      )[0],
    people,
    tokens,
  );
});

let server: RouteServer;
beforeAll(async () => {
  // /api/v1, and any documented path outside it (a feed a calendar app fetches).
  server = await serveApiRoutes((path) => path.startsWith('/api/v1/') || path in doc.paths);
});
afterAll(() => server?.close());

const called = new Set<string>();

/** An openapi-fetch client acting with `role`'s token; every answer is checked against the document. */
function clientAs(role: Role) {
  // The generated types exist only at run time (in a temp dir), so the calls here are untyped;
  // the typed use of the same document is compiled in the first test.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const client = createClient<any>({
    baseUrl: server.url,
    headers: { authorization: `Bearer ${tokens[role]}` },
  });
  client.use({
    async onResponse({ request, response, schemaPath }) {
      called.add(`${request.method} ${schemaPath}`);
      await validate(schemaPath, request.method, response);
    },
  });
  return client;
}

/** The status, with the body in the failure message when it is not the one expected. */
async function expectStatus(
  result: Promise<{ response: Response; data?: unknown; error?: unknown }>,
  status: number,
) {
  const { response, data, error } = await result;
  expect(response.status, JSON.stringify(error ?? data)).toBe(status);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return data as any;
}

describe('the generated types', () => {
  const dir = mkdtemp(join(tmpdir(), 'vigil-openapi-client-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('compile a client whose calls need only the fields the API requires', async () => {
    const out = await dir;
    await writeFile(join(out, 'schema.d.ts'), astToString(await openapiTS(doc as never)));

    // For each request body: the keys the generated type makes required are exactly the
    // schema's `required` (a `default` must not add to them: openapi-typescript reads a
    // default as "always present").
    const bodies = [
      ...new Set(
        Object.values(doc.paths).flatMap((item) =>
          Object.values(item).flatMap((op) => {
            const ref = (op as { requestBody?: { content?: Json } }).requestBody?.content?.[
              'application/json'
            ] as { schema?: { $ref?: string } } | undefined;
            return ref?.schema?.$ref ? [ref.schema.$ref.split('/').pop()!] : [];
          }),
        ),
      ),
    ];
    expect(bodies).toContain('CreateIncident');
    const checks = bodies.map((name) => {
      const required = (doc.components.schemas[name] as { required?: string[] }).required ?? [];
      const keys = required.length ? required.map((k) => JSON.stringify(k)).join(' | ') : 'never';
      return `export const required${name}: Equal<RequiredKeys<S['${name}']>, ${keys}> = true;`;
    });
    await writeFile(
      join(out, 'client.ts'),
      `import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

type S = components['schemas'];
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
${checks.join('\n')}

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000' });

export async function integrate(): Promise<string> {
  const opened = await client.POST('/api/v1/incidents', { body: { title: 'Phishing report' } });
  const number = opened.data?.number ?? 'INC-1';
  await client.PATCH('/api/v1/incidents/{number}', {
    params: { path: { number } },
    body: { version: opened.data?.version ?? 1, severity: 'high' },
  });
  await client.POST('/api/v1/tasks', { body: { title: 'Quarterly access review' } });
  const list = await client.GET('/api/v1/incidents', { params: { query: { limit: 10 } } });
  const me = await client.GET('/api/v1/me');
  return \`\${me.data?.name}: \${list.data?.data.map((i) => i.number).join(', ')}\`;
}
`,
    );
    await writeFile(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          lib: ['es2022', 'dom'],
          module: 'preserve',
          moduleResolution: 'bundler',
          skipLibCheck: true,
          types: [],
          paths: { 'openapi-fetch': [join(process.cwd(), 'node_modules/openapi-fetch')] },
        },
        files: ['client.ts'],
      }),
    );
    const run = await promisify(execFile)(join(process.cwd(), 'node_modules/.bin/tsc'), [
      '-p',
      join(out, 'tsconfig.json'),
    ]).catch((error: { code?: number; stdout?: string }) => error);
    expect(run.stdout, 'tsc of the generated client').toBe('');
  }, 60_000);
});

describe('every operation, called by the generated client', () => {
  const incident = { number: '', version: 0 };
  const task = { number: '', version: 0 };
  let eventId = '';

  it('GET /me', async () => {
    const me = await expectStatus(clientAs('user').GET('/api/v1/me', {}), 200);
    expect(me).toMatchObject({ email: 'openapi-client-user@example.com', role: 'user' });
  });

  it('GET /openapi.json', async () => {
    const served = await expectStatus(clientAs('user').GET('/api/v1/openapi.json', {}), 200);
    expect(served.openapi).toBe('3.1.0');
  });

  it('incidents: open, read, list, change, note, export', async () => {
    const user = clientAs('user');
    const opened = await expectStatus(
      user.POST('/api/v1/incidents', { body: { title: 'Client: phishing report' } }),
      201,
    );
    Object.assign(incident, { number: opened.number, version: opened.version });
    await expectStatus(
      user.POST('/api/v1/incidents', {
        body: { title: 'Client: repeated alert', dedupeKey: 'openapi-client-alert' },
      }),
      201,
    );
    const repeated = await expectStatus(
      user.POST('/api/v1/incidents', {
        body: { title: 'Client: repeated alert', dedupeKey: 'openapi-client-alert' },
      }),
      200,
    );
    expect(repeated.deduplicated).toBe(true);
    const path = { number: incident.number };
    await expectStatus(user.GET('/api/v1/incidents/{number}', { params: { path } }), 200);
    const page = await expectStatus(
      user.GET('/api/v1/incidents', { params: { query: { limit: 1, severity: ['none'] } } }),
      200,
    );
    expect(page.data).toHaveLength(1);
    const changed = await expectStatus(
      user.PATCH('/api/v1/incidents/{number}', {
        params: { path },
        body: { version: incident.version, severity: 'high', to: 'analysis' },
      }),
      200,
    );
    incident.version = changed.version;
    await expectStatus(
      user.POST('/api/v1/incidents/{number}/notes', {
        params: { path },
        body: { body: 'Reported by **two** people.' },
      }),
      201,
    );
    const csv = await expectStatus(
      user.GET('/api/v1/incidents/export.csv', { parseAs: 'text' }),
      200,
    );
    expect(csv).toContain(incident.number);
  });

  it('refusals answer as documented (401, 403, 404, 400, 409)', async () => {
    const path = { number: incident.number };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const anonymous = createClient<any>({ baseUrl: server.url });
    anonymous.use({
      onResponse: ({ request, response, schemaPath }) =>
        validate(schemaPath, request.method, response),
    });
    await expectStatus(anonymous.GET('/api/v1/incidents', {}), 401);
    await expectStatus(
      clientAs('read_only').POST('/api/v1/incidents', { body: { title: 'Client: auditor' } }),
      403,
    );
    await expectStatus(
      clientAs('user').GET('/api/v1/incidents/{number}', {
        params: { path: { number: '999999' } },
      }),
      404,
    );
    await expectStatus(clientAs('user').POST('/api/v1/incidents', { body: { title: '' } }), 400);
    await expectStatus(
      clientAs('user').PATCH('/api/v1/incidents/{number}', {
        params: { path },
        body: { version: incident.version - 1, title: 'Client: stale edit' },
      }),
      409,
    );
  });

  it('events: ingest, search, histogram, export, and copy onto the incident', async () => {
    const now = new Date().toISOString();
    await expectStatus(
      clientAs('power_user').POST('/api/v1/events', {
        body: [{ '@timestamp': now, hostname: 'openapi-client-host', message: 'Client event.' }],
      }),
      200,
    );
    const user = clientAs('user');
    const q = 'hostname:openapi-client-host';
    const found = await expectStatus(
      user.GET('/api/v1/events', { params: { query: { q, range: '24h' } } }),
      200,
    );
    expect(found.data).toHaveLength(1);
    eventId = found.data[0].id;
    await expectStatus(
      user.GET('/api/v1/events/histogram', { params: { query: { q, range: '24h' } } }),
      200,
    );
    const csv = await expectStatus(
      user.GET('/api/v1/events/export.csv', { params: { query: { q } }, parseAs: 'text' }),
      200,
    );
    expect(csv).toContain('openapi-client-host');
    const path = { number: incident.number };
    await expectStatus(
      user.POST('/api/v1/incidents/{number}/events', {
        params: { path },
        body: { eventIds: [eventId] },
      }),
      201,
    );
    const copied = await expectStatus(
      user.GET('/api/v1/incidents/{number}/events', { params: { path } }),
      200,
    );
    expect(JSON.stringify(copied)).toContain('openapi-client-host');
  });

  it('incidents: close one, and bulk close under both names (administrators)', async () => {
    const user = clientAs('user');
    const other = await expectStatus(
      user.POST('/api/v1/incidents', { body: { title: 'Client: closed alone' } }),
      201,
    );
    await expectStatus(
      user.POST('/api/v1/incidents/{number}/close', {
        params: { path: { number: other.number } },
        body: { version: other.version, note: 'False positive.' },
      }),
      200,
    );
    const admin = clientAs('admin');
    const result = await expectStatus(
      admin.POST('/api/v1/incidents/bulk/close', {
        body: { numbers: [incident.number], note: 'Closed by the generated client.' },
      }),
      200,
    );
    expect(result.closed).toBe(1);
    // The older name, kept for a release, answers the same.
    const again = await expectStatus(
      admin.POST('/api/v1/incidents/close', {
        body: { numbers: [incident.number], note: 'Closed by the generated client.' },
      }),
      200,
    );
    expect(again.alreadyClosed).toBe(1);
  });

  it('tasks: open, read, list, change, close, export', async () => {
    const user = clientAs('user');
    const opened = await expectStatus(
      user.POST('/api/v1/tasks', { body: { title: 'Client: quarterly access review' } }),
      201,
    );
    Object.assign(task, { number: opened.number, version: opened.version });
    const path = { number: task.number };
    await expectStatus(user.GET('/api/v1/tasks/{number}', { params: { path } }), 200);
    await expectStatus(user.GET('/api/v1/tasks', { params: { query: { limit: 5 } } }), 200);
    const changed = await expectStatus(
      user.PATCH('/api/v1/tasks/{number}', {
        params: { path },
        body: { version: task.version, tags: ['openapi-client'] },
      }),
      200,
    );
    await expectStatus(
      user.POST('/api/v1/tasks/{number}/close', {
        params: { path },
        body: { version: changed.version, findings: 'Reviewed 12 accounts, none stale.' },
      }),
      200,
    );
    const csv = await expectStatus(
      user.GET('/api/v1/tasks/export.csv', {
        params: { query: { state: ['all'] } },
        parseAs: 'text',
      }),
      200,
    );
    expect(csv).toContain(task.number);
    const another = await expectStatus(
      user.POST('/api/v1/tasks', { body: { title: 'Client: closed in bulk' } }),
      201,
    );
    const closed = await expectStatus(
      clientAs('admin').POST('/api/v1/tasks/bulk/close', {
        body: { numbers: [another.number], findings: 'Superseded by the annual review.' },
      }),
      200,
    );
    expect(closed.closed).toBe(1);
  });

  it('schedules and the library', async () => {
    const power = clientAs('power_user');
    const schedule = await expectStatus(
      power.POST('/api/v1/schedules', {
        body: {
          name: 'Client: monthly firewall review',
          pattern: { kind: 'monthly-day', day: 1 },
          timeOfDay: '08:00',
          timeZone: 'America/Chicago',
          startDate: '2026-03-01',
          dueInDays: 4,
        },
      }),
      201,
    );
    const path = { id: schedule.id };
    await expectStatus(power.GET('/api/v1/schedules', {}), 200);
    const detail = await expectStatus(
      power.GET('/api/v1/schedules/{id}', { params: { path } }),
      200,
    );
    await expectStatus(
      power.PATCH('/api/v1/schedules/{id}', {
        params: { path },
        body: { version: detail.version, dueInDays: 5 },
      }),
      200,
    );
    await expectStatus(power.POST('/api/v1/schedules/{id}/generate', { params: { path } }), 201);
    await expectStatus(
      power.GET('/api/v1/schedules/{id}/periods.csv', { params: { path }, parseAs: 'text' }),
      200,
    );
    await expectStatus(power.GET('/api/v1/schedules/export.csv', { parseAs: 'text' }), 200);
    const library = await expectStatus(power.GET('/api/v1/library', {}), 200);
    expect(library.data.length).toBeGreaterThan(0);
    await expectStatus(
      power.POST('/api/v1/library/copy', {
        body: { keys: [library.data[0].key], timeZone: 'UTC', active: false },
      }),
      201,
    );
  });

  it('calendar feeds, by the secret in the path and no token', async () => {
    const user = people.user;
    const actor = {
      kind: 'user' as const,
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
    };
    const person = await createPersonCalendarFeed(db, actor, { userId: user.id });
    const [schedule] = await db.execute<{ id: string }>(
      sql`select id from task_schedules order by created_at limit 1`,
    );
    const team = await createScheduleCalendarFeed(db, systemActor('test'), {
      scheduleId: schedule.id,
    });
    // The feed ignores the token this client sends: the secret alone admits it.
    const anonymous = clientAs('read_only');
    await expectStatus(
      anonymous.GET('/api/v1/calendar/people/{file}', {
        params: { path: { file: `${person.secret}.ics` } },
        parseAs: 'text',
      }),
      200,
    );
    await expectStatus(
      anonymous.GET('/api/v1/calendar/schedules/{file}', {
        params: { path: { file: `${team.secret}.ics` } },
        parseAs: 'text',
      }),
      200,
    );
  });

  it('the compliance report, as JSON and CSV', async () => {
    const query = { from: '2026-01-01', to: '2026-12-31' };
    const reader = clientAs('read_only');
    await expectStatus(reader.GET('/api/v1/reports/compliance', { params: { query } }), 200);
    await expectStatus(
      reader.GET('/api/v1/reports/compliance.csv', { params: { query }, parseAs: 'text' }),
      200,
    );
  });

  it('called every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.filter((operation) => !called.has(operation))).toEqual([]);
  });
});
