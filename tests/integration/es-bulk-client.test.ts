import { Client, errors } from '@elastic/elasticsearch';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as route from '@/app/api/ingest/es/[[...path]]/route';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { serveCatchAll, type RouteServer } from '../support/route-server';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The official Elasticsearch client, as shippers' libraries talk to a cluster, pointed at the
// route handlers served over real HTTP on loopback.

const system = systemActor('test');
const PREFIX = '/api/ingest/es';

let db: Db;
let token: string;
let server: RouteServer;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  token = await tokenOf(await makeUser('power_user'), 'events:ingest');
});

beforeAll(async () => {
  server = await serveCatchAll(PREFIX, (request, context) => {
    const handler = route[request.method as 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'];
    return handler(request, context);
  });
});
afterAll(() => server?.close());

let counter = 0;
async function makeUser(role: Role): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({ email: `esc-${role}-${counter}@example.com`, name: `${role} ${counter}`, role })
    .returning();
  return user;
}

// 'api': a read and write token, which sends no events; 'events:ingest': one that only does.
async function tokenOf(user: User, scope: 'api' | 'events:ingest'): Promise<string> {
  const scopes = scope === 'api' ? (['read', 'write'] as const) : (['events:ingest'] as const);
  return (
    await createApiToken(db, system, { userId: user.id, name: 'client', scopes: [...scopes] })
  ).token;
}

type Auth = ConstructorParameters<typeof Client>[0]['auth'];

function client(auth: Auth = { bearer: token }, extra: { compression?: boolean } = {}): Client {
  return new Client({ node: `${server.url}${PREFIX}`, auth, maxRetries: 0, ...extra });
}

async function storedMessages(marker: string): Promise<string[]> {
  const rows = await db.execute(
    sql`select message from events where message like ${`${marker}%`} order by message`,
  );
  return rows.map((r) => String(r.message));
}

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

describe('the official Elasticsearch client', () => {
  it('connects: info() reads the cluster and its version, and ping() succeeds', async () => {
    const es = client();
    const info = await es.info();
    expect(info.version.number).toBe('8.19.0');
    expect(info.tagline).toBe('You Know, for Search');
    expect(await es.ping()).toBe(true);
  });

  it('sends a mixed batch with helpers.bulk: good documents kept, bad ones dropped one by one', async () => {
    const documents = [
      { '@timestamp': at(10), message: 'helper 01 logon', winlog: { event_id: 4624 } },
      { '@timestamp': at(9), message: 'helper 02 logoff' },
      { message: 'helper 03 has no time' },
      { '@timestamp': 'yesterday-ish', message: 'helper 04 bad time' },
      { '@timestamp': at(8), message: 'helper 05 group change', winlog: { event_id: 4732 } },
    ];
    const dropped: unknown[] = [];
    const stats = await client().helpers.bulk({
      datasource: documents,
      onDocument: () => ({ create: { _index: 'logs-windows-default' } }),
      onDrop: (drop) => dropped.push(drop.document),
      retries: 0,
    });
    expect(stats).toMatchObject({ total: 5, successful: 3, failed: 2, aborted: false });
    expect(dropped).toEqual([documents[2], documents[3]]);
    expect(await storedMessages('helper ')).toEqual([
      'helper 01 logon',
      'helper 02 logoff',
      'helper 05 group change',
    ]);
  });

  it('sends gzip-compressed bulk requests', async () => {
    server.seen.length = 0;
    const stats = await client({ bearer: token }, { compression: true }).helpers.bulk({
      datasource: [1, 2, 3].map((i) => ({ '@timestamp': at(1), message: `compressed ${i}` })),
      onDocument: () => ({ index: { _index: 'vector' } }),
    });
    expect(stats).toMatchObject({ total: 3, successful: 3, failed: 0 });
    const bulk = server.seen.find((r) => r.path === `${PREFIX}/_bulk`);
    expect(bulk?.headers['content-encoding']).toBe('gzip');
    expect(await storedMessages('compressed ')).toEqual([
      'compressed 1',
      'compressed 2',
      'compressed 3',
    ]);
  });

  it('authenticates with an API key (plain, or id and key) and with user name and password', async () => {
    const forms: [string, Auth][] = [
      ['apikey', { apiKey: token }],
      ['apikeypair', { apiKey: { id: 'winlogbeat', api_key: token } }],
      ['basic', { username: 'filebeat', password: token }],
    ];
    for (const [name, auth] of forms) {
      const result = await client(auth).bulk({
        operations: [
          { index: { _index: 'auth' } },
          { '@timestamp': at(1), message: `via ${name}` },
        ],
      });
      expect(result.errors, name).toBe(false);
    }
    expect(await storedMessages('via ')).toEqual(['via apikey', 'via apikeypair', 'via basic']);
  });

  it('gets a 401 for a wrong password, a 403 for a user who may not send events', async () => {
    const wrong = await client({ username: 'elastic', password: 'changeme' })
      .info()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(errors.ResponseError);
    expect((wrong as errors.ResponseError).statusCode).toBe(401);

    const analyst = await tokenOf(await makeUser('user'), 'api');
    const refused = await client({ bearer: analyst })
      .bulk({ operations: [{ index: {} }, { '@timestamp': at(1), message: 'refused' }] })
      .catch((e: unknown) => e);
    expect((refused as errors.ResponseError).statusCode).toBe(403);
    expect(await storedMessages('refused')).toEqual([]);
  });

  it('prepares "the cluster" as a shipper does: templates, policies and indices', async () => {
    const es = client();
    expect(await es.indices.existsIndexTemplate({ name: 'winlogbeat-8.19.0' })).toBe(false);
    expect(
      await es.indices.putIndexTemplate({
        name: 'winlogbeat-8.19.0',
        index_patterns: ['winlogbeat-*'],
        data_stream: {},
      }),
    ).toEqual({ acknowledged: true });
    expect(
      await es.ilm.putLifecycle({
        name: 'winlogbeat',
        policy: { phases: { hot: { actions: {} } } },
      }),
    ).toEqual({ acknowledged: true });
    expect(await es.indices.exists({ index: 'logstash' })).toBe(true);
    const health = await es.cluster.health();
    expect(health.status).toBe('green');
  });
});
