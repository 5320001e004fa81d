import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { peopleWithTokens } from '../support/api-fixtures';
import { serveApi } from '../support/api-router';
import type { RouteServer } from '../support/route-server';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// Every refusal of /api/v1 as an RFC 9457 problem, one status at a time, over real HTTP
// through the app's route files (tests/support/api-router.ts routes as Next.js does).

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
        .values({ email: `problems-${run}-${n}@example.com`, name: `${role} ${n}`, role })
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

type Send = {
  method?: string;
  token?: string | null;
  json?: unknown;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string | null;
};

function send(path: string, { method = 'GET', token, json, body, contentType }: Send = {}) {
  const headers: Record<string, string> = {};
  const bearer = token === undefined ? tokens.power_user : token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const payload = json !== undefined ? JSON.stringify(json) : body;
  const type =
    contentType === undefined && payload !== undefined ? 'application/json' : contentType;
  if (type) headers['content-type'] = type;
  return fetch(`${server.url}${path}`, { method, headers, body: payload });
}

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Record<string, string>;
  requestId?: string;
  error: string;
  fields?: Record<string, string>;
  [extension: string]: unknown;
};

/** The response is a problem of `status` for `instance`; its body, checked for the aliases. */
async function problem(response: Response, status: number, instance?: string): Promise<Problem> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ type: 'about:blank', status, detail: expect.any(String) });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.error).toBe(body.detail);
  expect(body.fields).toEqual(body.errors);
  expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  if (instance) expect(body.instance).toBe(instance);
  return body;
}

const title = (what: string) => `Problems ${run} ${what}`;

describe('400 Bad Request', () => {
  it('names each field at fault under `errors`, a misspelt one under its own key', async () => {
    const body = await problem(
      await send('/api/v1/incidents', {
        method: 'POST',
        json: { title: title('misspelt'), sevrity: 'high' },
      }),
      400,
      '/api/v1/incidents',
    );
    expect(body.title).toBe('Bad Request');
    expect(Object.keys(body.errors!)).toEqual(['sevrity']);
    expect(body.errors!.sevrity).toMatch(/not a field/i);
  });

  it('refuses a NUL or other control character in any body string, naming the field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/incidents', { title: `nul \u0000 ${run}` }, 'title'],
      ['POST', '/api/v1/incidents', { title: `esc \u001b[31m ${run}` }, 'title'],
      [
        'POST',
        '/api/v1/tasks',
        { title: title('task'), description: 'bell \u0007' },
        'description',
      ],
      ['POST', '/api/v1/schedules', { name: `nul \u0000 ${run}` }, 'name'],
      ['POST', '/api/v1/library/copy', { keys: ['a\u0000b'] }, 'keys.0'],
      ['POST', '/api/v1/incidents/close', { numbers: ['INC-1'], note: 'x\u007f' }, 'note'],
    ];
    for (const [method, path, json, field] of cases) {
      const body = await problem(
        await send(path, { method, json, token: tokens.admin }),
        400,
        path,
      );
      expect(body.errors, `${path} ${JSON.stringify(json)}`).toHaveProperty([field]);
      expect(body.errors![field]).toMatch(/control character/);
    }
  });

  it('refuses an event holding a NUL by its index, keeping the others', async () => {
    // Log data keeps its own rule (lib/events/ingest.ts): the batch is not refused whole.
    const at = new Date().toISOString();
    const response = await send('/api/v1/events', {
      method: 'POST',
      token: tokens.admin,
      json: [
        { '@timestamp': at, message: `fine ${run}` },
        { '@timestamp': at, message: `nul \u0000 ${run}` },
        { '@timestamp': at, message: 'x', 'user.name': `a\u0000b` },
      ],
    });
    const text = await response.text();
    expect(response.status, text).toBe(207);
    expect(JSON.parse(text)).toMatchObject({ accepted: 1, rejected: [{ index: 1 }, { index: 2 }] });
  });

  it('takes tab, line feed and carriage return in text', async () => {
    const response = await send('/api/v1/incidents', {
      method: 'POST',
      json: { title: title('whitespace'), description: 'one\tcolumn\r\nnext line\n' },
    });
    expect(response.status).toBe(201);
  });

  it('refuses a control character in a query parameter, naming it (these answered 500)', async () => {
    for (const [path, name] of [
      ['/api/v1/incidents?q=%00', 'q'],
      ['/api/v1/tasks?q=a%1Bb', 'q'],
      ['/api/v1/schedules?name=%00', 'name'],
      ['/api/v1/library?category=%00', 'category'],
      ['/api/v1/events?q=%00', 'q'],
      ['/api/v1/incidents/export.csv?q=%00', 'q'],
      ['/api/v1/reports/compliance?from=2025-01-01&to=2025-02-01&tag=%00', 'tag'],
    ]) {
      const body = await problem(await send(path, { token: tokens.admin }), 400);
      expect(body.errors, path).toHaveProperty([name]);
    }
  });

  it('answers a body that is not JSON', async () => {
    const body = await problem(
      await send('/api/v1/incidents', { method: 'POST', body: '{"title":' }),
      400,
    );
    expect(body.errors).toHaveProperty(['_body']);
  });

  it('keeps the events query syntax error`s position and expected as members of its own', async () => {
    const body = await problem(await send('/api/v1/events?q=%28', { token: tokens.admin }), 400);
    expect(body.detail).toMatch(/does not parse/);
    expect(typeof body.position).toBe('number');
    expect(Array.isArray(body.expected)).toBe(true);
    expect(body.errors).toHaveProperty(['q']);
  });
});

describe('401 Unauthorized', () => {
  it('names the Bearer scheme in WWW-Authenticate, without a token and with a bad one', async () => {
    for (const token of [null, 'vgl_notarealtoken']) {
      const response = await send('/api/v1/me', { token });
      const body = await problem(response, 401, '/api/v1/me');
      expect(body.title).toBe('Unauthorized');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="Vigil"');
    }
  });
});

describe('403 Forbidden', () => {
  it('refuses a read-only token a write', async () => {
    const body = await problem(
      await send('/api/v1/incidents', {
        method: 'POST',
        token: tokens.read_only,
        json: { title: title('reader') },
      }),
      403,
    );
    expect(body.title).toBe('Forbidden');
  });
});

describe('404 Not Found', () => {
  it('answers an unknown /api/v1 path by any method, not with an HTML page', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/api/v1'],
      ['POST', '/api/v1/incident'],
      ['DELETE', '/api/v1/incidents/INC-1/whatever/else'],
    ]) {
      const body = await problem(
        await send(path, { method, json: method === 'GET' ? undefined : {} }),
        404,
        path,
      );
      expect(body.detail).toContain('openapi.json');
    }
  });

  it('answers a number that names no incident', async () => {
    await problem(await send('/api/v1/incidents/INC-999999999'), 404);
  });
});

describe('405 Method Not Allowed', () => {
  it('names the methods a path takes in Allow, with a problem body', async () => {
    const response = await send('/api/v1/incidents', { method: 'DELETE' });
    const body = await problem(response, 405, '/api/v1/incidents');
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect(body.detail).toContain('DELETE');
    const put = await send('/api/v1/tasks/TASK-1', { method: 'PUT', json: {} });
    await problem(put, 405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, PATCH, OPTIONS');
  });

  it('answers OPTIONS with only the methods served', async () => {
    const response = await send('/api/v1/incidents/close', { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('409 Conflict', () => {
  it('answers a stale version', async () => {
    const created = await (
      await send('/api/v1/incidents', { method: 'POST', json: { title: title('stale') } })
    ).json();
    const path = `/api/v1/incidents/${created.number}`;
    expect(
      (await send(path, { method: 'PATCH', json: { version: created.version, title: title('1') } }))
        .status,
    ).toBe(200);
    const body = await problem(
      await send(path, { method: 'PATCH', json: { version: created.version, title: title('2') } }),
      409,
      path,
    );
    expect(body.title).toBe('Conflict');
  });
});

describe('413 Content Too Large', () => {
  it('refuses a body over the limit', async () => {
    const huge = JSON.stringify({ title: title('huge'), description: 'x'.repeat(3 * 1024 * 1024) });
    await problem(await sendOnce('/api/v1/incidents', huge), 413);
  });
});

/**
 * A POST on a connection of its own: refused before its body is read, the connection is
 * done for, and fetch would otherwise reuse it for the next test.
 */
function sendOnce(path: string, body: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${server.url}${path}`,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${tokens.power_user}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === 'string') headers.set(name, value);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers }));
        });
      },
    );
    // The server may answer and close before the whole body is sent.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    request.end(body);
  });
}

describe('415 Unsupported Media Type', () => {
  it('refuses a body that says it is not JSON, or says nothing', async () => {
    // Bytes, so that fetch adds no Content-Type of its own when none is given.
    const json = new TextEncoder().encode(JSON.stringify({ title: title('plain') }));
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null]) {
      const body = await problem(
        await send('/api/v1/incidents', { method: 'POST', body: json, contentType }),
        415,
        '/api/v1/incidents',
      );
      expect(body.detail).toContain('application/json');
    }
  });

  it('takes application/json with a charset and any +json type', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const response = await send('/api/v1/incidents', {
        method: 'POST',
        body: JSON.stringify({ title: title(contentType) }),
        contentType,
      });
      expect(response.status, contentType).toBe(201);
    }
  });
});
