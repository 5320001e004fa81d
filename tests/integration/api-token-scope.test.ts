import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST as bulkCloseIncidents } from '@/app/api/v1/incidents/bulk/close/route';
import { GET as getIncidents, POST as postIncident } from '@/app/api/v1/incidents/route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as getMe } from '@/app/api/v1/me/route';
import { POST as postSchedule } from '@/app/api/v1/schedules/route';
import { POST as bulkCloseTasks } from '@/app/api/v1/tasks/bulk/close/route';
import type { Db } from '@/db/client';
import { activityLog, apiTokens, incidents, users, type Role, type User } from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import type { ApiTokenScope } from '@/lib/auth/api-token-scopes';
import { authenticateApiToken, createApiToken } from '@/lib/auth/api-tokens';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { tokenCommands } from '@/scripts/cli/token-commands';
import { setUpAppTestDatabase, rejection } from '../support/test-database-hooks';

// Token scopes: what tokens are recorded with, who may make which, and which routes each
// scope opens (read: GET/HEAD, write: the other methods, admin: the administrators' routes,
// events:ingest: sending log events), always within the user's role.

const DAY = 24 * 60 * 60 * 1000;

const system = systemActor('test');

let db: Db;
const test = setUpAppTestDatabase(() => {
  db = test.db;
});

let counter = 0;
async function makeUser(role: Role): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({ email: `scope-${role}-${counter}@example.com`, name: `${role} ${counter}`, role })
    .returning();
  return user;
}

function actorOf(user: User): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role };
}

async function tokenFor(user: User, scopes?: ApiTokenScope[]): Promise<string> {
  return (await createApiToken(db, system, { userId: user.id, name: 'token', scopes })).token;
}

function call(
  handler: (request: Request, context: unknown) => Promise<Response>,
  method: string,
  path: string,
  authorization: string | null,
  body?: unknown,
): Promise<Response> {
  const headers = new Headers();
  if (authorization) headers.set('authorization', authorization);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(`http://vigil.test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve({}) });
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const event = (message: string) => ({ '@timestamp': new Date().toISOString(), message });

describe('creating tokens with scopes', () => {
  it('records the scopes on the token and in its activity row, and authentication returns them', async () => {
    const shipper = await makeUser('power_user');
    const { token, record } = await createApiToken(db, actorOf(shipper), {
      userId: shipper.id,
      name: 'Winlogbeat on DC01',
      scopes: ['events:ingest'],
    });
    expect(record.scopes).toEqual(['events:ingest']);
    const [created] = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.entityId, record.id));
    expect(created.action).toBe('api-token.created');
    expect(created.changes).toMatchObject({ scopes: { old: null, new: ['events:ingest'] } });
    expect((await authenticateApiToken(db, token))?.tokenScopes).toEqual(['events:ingest']);

    // Several at once, kept in one order whatever order they were chosen in.
    const both = await createApiToken(db, actorOf(shipper), {
      userId: shipper.id,
      name: 'both',
      scopes: ['events:ingest', 'read', 'read'],
    });
    expect(both.record.scopes).toEqual(['read', 'events:ingest']);
  });

  it('gives a token with no scopes chosen what its user’s role can use of /api/v1', async () => {
    const defaults = async (role: Role) => {
      const user = await makeUser(role);
      return (await createApiToken(db, system, { userId: user.id, name: 'd' })).record.scopes;
    };
    expect(await defaults('admin')).toEqual(['read', 'write', 'admin']);
    expect(await defaults('power_user')).toEqual(['read', 'write']);
    expect(await defaults('user')).toEqual(['read', 'write']);
    expect(await defaults('read_only')).toEqual(['read']);
  });

  it('refuses a scope beyond the owner’s role with a message, writing nothing', async () => {
    const reader = await makeUser('read_only');
    const write = await rejection(
      createApiToken(db, actorOf(reader), {
        userId: reader.id,
        name: 'w',
        scopes: ['read', 'write'],
      }),
    );
    expect(write).toBeInstanceOf(ValidationError);
    expect((write as ValidationError).fieldErrors.scopes).toBe(
      'A Read-only cannot have a token that may “Write”; their role allows “Read”.',
    );
    const analyst = await makeUser('user');
    const admin = await rejection(
      createApiToken(db, actorOf(analyst), { userId: analyst.id, name: 'a', scopes: ['admin'] }),
    );
    expect((admin as ValidationError).fieldErrors.scopes).toMatch(/User cannot .*“Administer”/);
    const ingest = await rejection(
      createApiToken(db, actorOf(analyst), {
        userId: analyst.id,
        name: 'i',
        scopes: ['events:ingest'],
      }),
    );
    expect((ingest as ValidationError).fieldErrors.scopes).toMatch(/“Send log events”/);
    // An administrator making one for them is bound by their role just the same.
    const boss = await makeUser('admin');
    const forReader = await rejection(
      createApiToken(db, actorOf(boss), { userId: reader.id, name: 'x', scopes: ['write'] }),
    );
    expect(forReader).toBeInstanceOf(ValidationError);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, reader.id))).toEqual([]);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, analyst.id))).toEqual([]);
  });

  it('lets only administrators make tokens for others', async () => {
    const service = await makeUser('power_user');
    const other = await makeUser('power_user');
    const notAdmin = await rejection(
      createApiToken(db, actorOf(service), { userId: other.id, name: 'for a colleague' }),
    );
    expect(notAdmin).toBeInstanceOf(ForbiddenError);
    const admin = await makeUser('admin');
    const { record } = await createApiToken(db, actorOf(admin), {
      userId: service.id,
      name: 'Fluent Bit',
      scopes: ['events:ingest'],
    });
    expect(record.userId).toBe(service.id);
  });

  it('refuses a scope that does not exist, and no scope at all', async () => {
    const admin = await makeUser('admin');
    const unknown = await rejection(
      createApiToken(db, actorOf(admin), {
        userId: admin.id,
        name: 'odd',
        scopes: ['everything' as 'read'],
      }),
    );
    expect((unknown as ValidationError).fieldErrors['scopes.0']).toBe(
      'Choose what the token may do.',
    );
    const none = await rejection(
      createApiToken(db, actorOf(admin), { userId: admin.id, name: 'none', scopes: [] }),
    );
    expect((none as ValidationError).fieldErrors.scopes).toBe(
      'Choose at least one thing the token may do.',
    );
  });
});

describe('what a token of each scope opens', () => {
  const admin = () => makeUser('admin');
  const closeBody = { numbers: [999_999], note: 'bulk' };

  it('a read token reads but cannot write: 403 problem naming the scope "write"', async () => {
    const token = await tokenFor(await admin(), ['read']);
    expect((await call(getIncidents, 'GET', '/api/v1/incidents', `Bearer ${token}`)).status).toBe(
      200,
    );
    expect((await call(getMe, 'GET', '/api/v1/me', `Bearer ${token}`)).status).toBe(200);
    for (const [handler, path, body] of [
      [postIncident, '/api/v1/incidents', { title: 'never', severity: 'low' }],
      [postSchedule, '/api/v1/schedules', {}],
    ] as const) {
      const refused = await call(handler, 'POST', path, `Bearer ${token}`, body);
      expect(refused.status, path).toBe(403);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      const problem = await refused.json();
      expect(problem.detail).toMatch(/lacks the scope "write"/);
      expect(problem.detail).toMatch(/it has "read"/);
    }
    expect(await db.select().from(incidents)).toEqual([]);
  });

  it('a write token without read cannot read', async () => {
    const token = await tokenFor(await admin(), ['write']);
    const refused = await call(getIncidents, 'GET', '/api/v1/incidents', `Bearer ${token}`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/lacks the scope "read"/);
    const created = await call(postIncident, 'POST', '/api/v1/incidents', `Bearer ${token}`, {
      title: 'written',
      severity: 'low',
    });
    expect(created.status).toBe(201);
  });

  it('the administrators’ routes need the admin scope, and the role still bounds it', async () => {
    const boss = await admin();
    const readWrite = await tokenFor(boss, ['read', 'write']);
    for (const [handler, path] of [
      [bulkCloseIncidents, '/api/v1/incidents/bulk/close'],
      [bulkCloseTasks, '/api/v1/tasks/bulk/close'],
    ] as const) {
      const refused = await call(handler, 'POST', path, `Bearer ${readWrite}`, closeBody);
      expect(refused.status, path).toBe(403);
      expect((await refused.json()).detail).toMatch(/lacks the scope "admin"/);
    }
    const full = await tokenFor(boss, ['read', 'write', 'admin']);
    const closed = await call(
      bulkCloseIncidents,
      'POST',
      '/api/v1/incidents/bulk/close',
      `Bearer ${full}`,
      closeBody,
    );
    expect(closed.status).toBe(200);
    // Demoted: the admin scope opens nothing the role no longer may.
    await db.update(users).set({ role: 'user' }).where(eq(users.id, boss.id));
    const demoted = await call(
      bulkCloseIncidents,
      'POST',
      '/api/v1/incidents/bulk/close',
      `Bearer ${full}`,
      closeBody,
    );
    expect(demoted.status).toBe(403);
    expect((await demoted.json()).detail).not.toMatch(/scope/);
  });

  it('an ingest token opens nothing of the rest of /api/v1; a read-write token sends no events', async () => {
    const shipper = await admin();
    const ingest = await tokenFor(shipper, ['events:ingest']);
    const refused = await call(getIncidents, 'GET', '/api/v1/incidents', `Bearer ${ingest}`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/lacks the scope "read"/);

    const readWrite = await tokenFor(shipper, ['read', 'write']);
    const noEvents = await call(postEvents, 'POST', '/api/v1/events', `Bearer ${readWrite}`, [
      event('from read-write'),
    ]);
    expect(noEvents.status).toBe(403);
    expect((await noEvents.json()).error).toMatch(/lacks the scope "events:ingest"/);
  });

  it('takes an ingest token on POST /api/v1/events in the bearer, ApiKey and basic forms', async () => {
    const shipper = await makeUser('power_user');
    const token = await tokenFor(shipper, ['events:ingest']);
    const forms = [
      `Bearer ${token}`,
      `ApiKey ${token}`,
      `ApiKey ${Buffer.from(`winlogbeat:${token}`).toString('base64')}`,
      basic('filebeat', token),
    ];
    for (const [index, authorization] of forms.entries()) {
      const response = await call(postEvents, 'POST', '/api/v1/events', authorization, [
        event(`form ${index}`),
      ]);
      expect(response.status, authorization.split(' ')[0]).toBe(200);
      expect(await response.json()).toMatchObject({ accepted: 1, rejected: [] });
    }
  });

  it('takes an ingest token only when its user may (still) send events', async () => {
    const power = await makeUser('power_user');
    const token = await tokenFor(power, ['events:ingest']);
    await db.update(users).set({ role: 'user' }).where(eq(users.id, power.id));
    const refused = await call(postEvents, 'POST', '/api/v1/events', basic('x', token), [
      event('from a demoted power user'),
    ]);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/is a User, who may not send log events/);
  });

  it('answers 401 with the ways to authenticate when the token is missing, malformed or unknown', async () => {
    for (const authorization of [null, 'Basic !!!', 'Digest abc', `Bearer vgl_unknown`]) {
      const response = await call(postEvents, 'POST', '/api/v1/events', authorization, [
        event('nobody'),
      ]);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/Bearer.*ApiKey.*Basic/);
    }
    const v1 = await call(getIncidents, 'GET', '/api/v1/incidents', null);
    expect(v1.status).toBe(401);
    expect(v1.headers.get('www-authenticate')).toBe('Bearer realm="Vigil"');
  });
});

describe('the command line', () => {
  const create = tokenCommands.find((c) => c.path.join(' ') === 'token create')!;
  const list = tokenCommands.find((c) => c.path.join(' ') === 'token list')!;

  async function run(command: typeof create, options: Record<string, string>) {
    const out: string[] = [];
    const err: string[] = [];
    const context = {
      db,
      env: process.env,
      out: (l: string) => void out.push(l),
      err: (l: string) => void err.push(l),
    };
    const error = await command.run(options, context).then(
      () => null,
      (e: unknown) => e as Error,
    );
    return { out, err, error };
  }

  it('creates a token with --scopes and --expires-in-days, and lists both', async () => {
    const shipper = await makeUser('power_user');
    const created = await run(create, {
      email: shipper.email,
      name: 'Vector',
      scopes: 'events:ingest',
      'expires-in-days': '30',
    });
    expect(created.error).toBeNull();
    const [stored] = await db.select().from(apiTokens).where(eq(apiTokens.userId, shipper.id));
    expect(stored.scopes).toEqual(['events:ingest']);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeCloseTo(30 * DAY, -4);
    expect((await authenticateApiToken(db, created.out[0]))?.tokenScopes).toEqual([
      'events:ingest',
    ]);
    const both = await run(create, { email: shipper.email, name: 'CI', scopes: 'read, write' });
    expect(both.error).toBeNull();
    expect(both.err[0]).toMatch(/\(read, write; expires /);
    const listed = await run(list, { email: shipper.email });
    expect(listed.out.join('\n')).toMatch(/Vector\s+vgl_\S+\s+events:ingest\s/);
    expect(listed.out.join('\n')).toMatch(/CI\s+vgl_\S+\s+read,write\s/);
  });

  it('refuses an unknown scope, one beyond the role, and an expiry past 365 days', async () => {
    const analyst = await makeUser('user');
    expect(
      (await run(create, { email: analyst.email, name: 'x', scopes: 'read,root' })).error?.message,
    ).toBe('--scopes takes read, write, admin, events:ingest; "root" is not one.');
    expect(
      (await run(create, { email: analyst.email, name: 'x', scopes: 'events:ingest' })).error
        ?.message,
    ).toMatch(/A User cannot have a token that may “Send log events”/);
    expect(
      (await run(create, { email: analyst.email, name: 'x', 'expires-in-days': '400' })).error
        ?.message,
    ).toBe('--expires-in-days: A token lives at most 365 days.');
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, analyst.id))).toEqual([]);
  });
});
