import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { User } from '@/db/schema';
import { GET as listIncidents, POST as postIncident } from '@/app/api/v1/incidents/route';
import { toActionResult } from '@/lib/actions/action-result';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken, revokeApiToken } from '@/lib/auth/api-tokens';
import { createIncident } from '@/lib/incidents/create-incident';
import { addIncidentNote } from '@/lib/incidents/evidence';
import { log } from '@/lib/log';
import { createTask } from '@/lib/tasks/create-task';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertUser } from '../support/ticket-fixtures';
import { captureLogs } from '../support/log-capture';
import { pointRoutesAt, releaseRouteDatabase } from '../support/route-database';

// Route handlers called as Next.js calls them, their log lines read back from the logger.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// What an attacker might hope to see in the log: the title's text after the NUL byte.
const HIDDEN = 'customer-IBAN-DE89370400440532013000';

let test: TestDatabase;
let db: Db;
let admin: User;
let token: string;
let capture: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await pointRoutesAt(test.url);
  admin = await insertUser(db, 'admin');
  token = (
    await createApiToken(db, systemActor('test'), { userId: admin.id, name: 'request logs' })
  ).token;
});
afterAll(async () => {
  await releaseRouteDatabase();
  await test?.drop();
});
beforeEach(() => {
  capture = captureLogs();
});
afterEach(() => capture.stop());

function apiRequest(method: string, headers: Record<string, string> = {}, body?: unknown): Request {
  return new Request('http://vigil.test/api/v1/incidents', {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}
const context = { params: Promise.resolve({}) };

describe('a NUL byte in a text field', () => {
  it('is a validation error on the title for the API, not a 500, and the log holds no value', async () => {
    const response = await postIncident(
      apiRequest('POST', {}, { title: `Breach\u0000${HIDDEN}`, description: `more ${HIDDEN}` }),
      context,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; fields: Record<string, string> };
    expect(body.fields.title).toMatch(/cannot contain a NUL/i);
    expect(capture.raw()).not.toContain(HIDDEN);
    expect(capture.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('is a field error for a form, in every field that reaches a text column', async () => {
    const actor = actorOf(admin);
    const incident = await toActionResult(() =>
      createIncident(db, actor, { title: 'Fine', description: `a\u0000${HIDDEN}` }),
    );
    expect(incident).toMatchObject({
      ok: false,
      fieldErrors: { description: expect.stringMatching(/NUL/) },
    });
    const task = await toActionResult(() =>
      createTask(db, actor, { title: `a\u0000${HIDDEN}` } as Parameters<typeof createTask>[2]),
    );
    expect(task).toMatchObject({ ok: false, fieldErrors: { title: expect.stringMatching(/NUL/) } });
    const created = await createIncident(db, actor, { title: 'Has a note' });
    const note = await toActionResult(() =>
      addIncidentNote(db, actor, created.incident.id, { body: `x\u0000${HIDDEN}` }),
    );
    expect(note).toMatchObject({ ok: false, fieldErrors: { body: expect.stringMatching(/NUL/) } });
    expect(capture.raw()).not.toContain(HIDDEN);
  });

  // Found by the fuzzer (tests/fuzz/action-fuzz.test.ts): an id is handed to PostgreSQL as
  // sent, and one holding a NUL is refused by the driver's encoding before the uuid cast.
  it('in an id is answered as a bad value, not a failure on our side', async () => {
    const actor = actorOf(admin);
    const revoke = await toActionResult(() => revokeApiToken(db, actor, `abc\u0000def`));
    expect(revoke).toEqual({ ok: false, error: expect.stringMatching(/NUL character/) });
    const note = await toActionResult(() =>
      addIncidentNote(db, actor, `abc\u0000${HIDDEN}`, { body: 'fine' }),
    );
    expect(note).toEqual({ ok: false, error: expect.stringMatching(/NUL character/) });
    expect(capture.raw()).not.toContain(HIDDEN);
  });

  it('that still reaches PostgreSQL is logged with the statement and without its values', async () => {
    const failure = await db
      .execute(sql`select ${`x\u0000${HIDDEN}`}::text as t`)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    log('error', 'server action failed', { error: failure });
    const [line] = capture.lines;
    expect(capture.raw()).not.toContain(HIDDEN);
    expect(line.error).toMatchObject({
      message: expect.stringContaining('select $1::text as t'),
      params: '[redacted]',
    });
    expect((line.error as { cause: Record<string, unknown> }).cause).toMatchObject({
      query: 'select $1::text as t',
      parameters: '[redacted]',
    });
  });
});

describe('request ids', () => {
  it('are made by the server; a client X-Request-Id is only recorded as clientRequestId', async () => {
    const response = await listIncidents(
      apiRequest('GET', { 'x-request-id': 'spoofed-id' }),
      context,
    );
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    const lines = capture.lines.filter((l) => l.requestId === requestId);
    expect(lines.map((l) => l.message)).toContain('API request');
    for (const line of lines) expect(line.clientRequestId).toBe('spoofed-id');
    expect(capture.lines.some((l) => l.requestId === 'spoofed-id')).toBe(false);
  });

  it('give two requests different ids even when the client sends the same one', async () => {
    const a = await listIncidents(apiRequest('GET', { 'x-request-id': 'same' }), context);
    const b = await listIncidents(apiRequest('GET', { 'x-request-id': 'same' }), context);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it("put a refused request's id in its body, header and log line alike", async () => {
    const response = await listIncidents(
      new Request('http://vigil.test/api/v1/incidents', {
        headers: { 'x-request-id': 'x {"level":"fatal"} <b>'.padEnd(200, 'a') },
      }),
      context,
    );
    expect(response.status).toBe(401);
    const { requestId } = (await response.json()) as { requestId: string };
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const [line] = capture.lines;
    expect(line).toMatchObject({ requestId, message: 'API request', status: 401 });
    expect(line.clientRequestId).toMatch(/^xlevel:fatalbaaa/);
    expect((line.clientRequestId as string).length).toBeLessThanOrEqual(64);
    expect(line.clientRequestId).not.toMatch(/[\s"{}<>]/);
  });
});
