import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as getIncidents } from '@/app/api/v1/incidents/route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import type { Db } from '@/db/client';
import { activityLog, apiTokens, users, type Role, type User } from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { authenticateApiToken, createApiToken } from '@/lib/auth/api-tokens';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { tokenCommands } from '@/scripts/cli/token-commands';
import { setUpAppTestDatabase, rejection } from '../support/test-database-hooks';

// Ingest tokens: what they are recorded with, who may make them, and that they open the
// ingest routes only.

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

async function tokenFor(user: User, scope?: 'api' | 'events:ingest'): Promise<string> {
  return (await createApiToken(db, system, { userId: user.id, name: `${scope} token`, scope }))
    .token;
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

describe('creating tokens with a scope', () => {
  it('records the scope on the token and in its activity row, and authentication returns it', async () => {
    const shipper = await makeUser('power_user');
    const { token, record } = await createApiToken(db, actorOf(shipper), {
      userId: shipper.id,
      name: 'Winlogbeat on DC01',
      scope: 'events:ingest',
    });
    expect(record.scope).toBe('events:ingest');
    const [stored] = await db.select().from(apiTokens).where(eq(apiTokens.id, record.id));
    expect(stored.scope).toBe('events:ingest');
    const [created] = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.entityId, record.id));
    expect(created.action).toBe('api-token.created');
    expect(created.changes).toMatchObject({ scope: { old: null, new: 'events:ingest' } });
    expect((await authenticateApiToken(db, token))?.tokenScope).toBe('events:ingest');

    const plain = await createApiToken(db, actorOf(shipper), { userId: shipper.id, name: 'CI' });
    expect(plain.record.scope).toBe('api');
    expect((await authenticateApiToken(db, plain.token))?.tokenScope).toBe('api');
  });

  it('lets only users who may send events make ingest tokens for themselves', async () => {
    const analyst = await makeUser('user');
    const error = await rejection(
      createApiToken(db, actorOf(analyst), {
        userId: analyst.id,
        name: 'my shipper',
        scope: 'events:ingest',
      }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, analyst.id))).toEqual([]);
    // A full API token is still theirs to make.
    await createApiToken(db, actorOf(analyst), { userId: analyst.id, name: 'reports' });
  });

  it('lets administrators make ingest tokens for others whose role may send events', async () => {
    const admin = await makeUser('admin');
    const service = await makeUser('power_user');
    const { record } = await createApiToken(db, actorOf(admin), {
      userId: service.id,
      name: 'Fluent Bit',
      scope: 'events:ingest',
    });
    expect(record.userId).toBe(service.id);

    const reader = await makeUser('read_only');
    const refused = await rejection(
      createApiToken(db, actorOf(admin), {
        userId: reader.id,
        name: 'would never work',
        scope: 'events:ingest',
      }),
    );
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.scope).toMatch(/Read-only cannot send/);

    const other = await makeUser('power_user');
    const notAdmin = await rejection(
      createApiToken(db, actorOf(service), {
        userId: other.id,
        name: 'for a colleague',
        scope: 'events:ingest',
      }),
    );
    expect(notAdmin).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a scope that does not exist', async () => {
    const admin = await makeUser('admin');
    const error = await rejection(
      createApiToken(db, actorOf(admin), {
        userId: admin.id,
        name: 'odd',
        scope: 'everything' as 'api',
      }),
    );
    expect((error as ValidationError).fieldErrors.scope).toBe('Choose what the token may do.');
  });
});

describe('what a token of each scope opens', () => {
  it('refuses an ingest token on the rest of /api/v1 with a 403 naming the scope', async () => {
    const shipper = await makeUser('admin');
    const ingest = await tokenFor(shipper, 'events:ingest');
    const refused = await call(getIncidents, 'GET', '/api/v1/incidents', `Bearer ${ingest}`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/scope "events:ingest".*only send log events/);

    const full = await tokenFor(shipper, 'api');
    expect((await call(getIncidents, 'GET', '/api/v1/incidents', `Bearer ${full}`)).status).toBe(
      200,
    );
  });

  it('takes an ingest token on POST /api/v1/events in the bearer, ApiKey and basic forms', async () => {
    const shipper = await makeUser('power_user');
    const token = await tokenFor(shipper, 'events:ingest');
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

  it('takes a full API token for ingest only when its user may send events', async () => {
    const power = await makeUser('power_user');
    const accepted = await call(
      postEvents,
      'POST',
      '/api/v1/events',
      `Bearer ${await tokenFor(power, 'api')}`,
      [event('from a power user')],
    );
    expect(accepted.status).toBe(200);

    const analyst = await makeUser('user');
    const refused = await call(
      postEvents,
      'POST',
      '/api/v1/events',
      basic('x', await tokenFor(analyst, 'api')),
      [event('from an analyst')],
    );
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

  it('creates an ingest token with --scope events:ingest and lists its scope', async () => {
    const shipper = await makeUser('power_user');
    const created = await run(create, {
      email: shipper.email,
      name: 'Vector',
      scope: 'events:ingest',
    });
    expect(created.error).toBeNull();
    expect((await authenticateApiToken(db, created.out[0]))?.tokenScope).toBe('events:ingest');
    const listed = await run(list, { email: shipper.email });
    expect(listed.out.join('\n')).toMatch(/Vector\s+vgl_\S+\s+events:ingest/);
  });

  it('refuses an unknown scope, and an ingest token for a user who may not send events', async () => {
    const analyst = await makeUser('user');
    expect(
      (await run(create, { email: analyst.email, name: 'x', scope: 'root' })).error?.message,
    ).toMatch(/--scope must be api or events:ingest/);
    expect(
      (await run(create, { email: analyst.email, name: 'x', scope: 'events:ingest' })).error
        ?.message,
    ).toMatch(/A User cannot send log events/);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, analyst.id))).toEqual([]);
  });
});
