import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as route from '@/app/api/ingest/es/[[...path]]/route';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { MAX_BULK_BYTES } from '@/lib/events/elastic/read-bulk-body';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The Elasticsearch-compatible endpoint's route handlers, called as Next.js calls them.

const system = systemActor('test');

let db: Db;
let ingestToken: string;
const test = setUpAppTestDatabase(async () => {
  db = test.db;
  ingestToken = await tokenOf(await makeUser('power_user'), 'events:ingest');
});

let counter = 0;
async function makeUser(role: Role): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({ email: `es-${role}-${counter}@example.com`, name: `${role} ${counter}`, role })
    .returning();
  return user;
}

// 'api': a read and write token, which sends no events; 'events:ingest': one that only does.
async function tokenOf(user: User, scope: 'api' | 'events:ingest'): Promise<string> {
  const scopes = scope === 'api' ? (['read', 'write'] as const) : (['events:ingest'] as const);
  return (
    await createApiToken(db, system, { userId: user.id, name: 'shipper', scopes: [...scopes] })
  ).token;
}

type Options = {
  authorization?: string | null;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
};

async function es(method: string, path: string, options: Options = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const authorization =
    options.authorization === undefined ? `Bearer ${ingestToken}` : options.authorization;
  if (authorization) headers.set('authorization', authorization);
  const request = new Request(`http://vigil.test/api/ingest/es${path}`, {
    method,
    headers,
    body: options.body as BodyInit | undefined,
  });
  const handler = route[method as 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'];
  const segments = path.split('?')[0].split('/').filter(Boolean);
  return handler(request, { params: Promise.resolve({ path: segments }) });
}

const ndjson = (...lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

async function storedMessages(marker: string): Promise<string[]> {
  const rows = await db.execute(
    sql`select message from events where message like ${`${marker}%`} order by message`,
  );
  return rows.map((r) => String(r.message));
}

describe('POST /_bulk', () => {
  it('keeps the good documents of a mixed batch and answers each item in order', async () => {
    const body = ndjson(
      { index: { _index: 'winlogbeat-8.19.0' } },
      { '@timestamp': at(5), message: 'mixed 1 logon', event: { code: '4624' } },
      { create: { _index: 'logs-generic-default', _id: 'doc-2' } },
      { '@timestamp': at(4), message: 'mixed 2 created' },
      { index: {} },
      '{"@timestamp": "broken',
      { index: {} },
      { message: 'mixed 4 has no time' },
      { delete: { _index: 'winlogbeat-8.19.0', _id: 'doc-2' } },
      { update: { _id: 'doc-2' } },
      { doc: { message: 'mixed 6 rewritten' } },
      { index: {} },
      { '@timestamp': at(3), message: 'mixed 7 last' },
    );
    const response = await es('POST', '/_bulk', {
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
    const answer = await response.json();
    expect(answer.errors).toBe(true);
    expect(typeof answer.took).toBe('number');
    const items = answer.items as Record<string, { status: number; [k: string]: unknown }>[];
    expect(items.map((item) => [Object.keys(item)[0], Object.values(item)[0].status])).toEqual([
      ['index', 201],
      ['create', 201],
      ['index', 400],
      ['index', 400],
      ['delete', 400],
      ['update', 400],
      ['index', 201],
    ]);
    expect(items[0].index).toMatchObject({ _index: 'winlogbeat-8.19.0', result: 'created' });
    expect(items[1].create).toMatchObject({ _index: 'logs-generic-default', _id: 'doc-2' });
    expect(items[2].index.error).toMatchObject({
      type: 'document_parsing_exception',
      reason: expect.stringContaining('not JSON'),
    });
    // The reason is the normaliser's, passed on as it is.
    expect(items[3].index.error).toMatchObject({
      type: 'document_parsing_exception',
      reason: expect.stringMatching(/\S/),
    });
    expect(items[4].delete.error).toMatchObject({
      reason: expect.stringMatching(/delete is not supported/),
    });
    expect(items[5].update.error).toMatchObject({
      reason: expect.stringMatching(/update is not supported/),
    });

    expect(await storedMessages('mixed ')).toEqual([
      'mixed 1 logon',
      'mixed 2 created',
      'mixed 7 last',
    ]);
  });

  it('takes the index from the path for documents that name none', async () => {
    const response = await es('PUT', '/filebeat-8.19.0/_bulk', {
      body: ndjson({ create: {} }, { '@timestamp': at(1), message: 'path index' }),
    });
    const answer = await response.json();
    expect(answer.errors).toBe(false);
    expect(answer.items[0].create).toMatchObject({ _index: 'filebeat-8.19.0', status: 201 });
  });

  it('refuses a broken action line with its line number and stores nothing of the request', async () => {
    const response = await es('POST', '/_bulk', {
      body: ndjson(
        { index: {} },
        { '@timestamp': at(2), message: 'framing 1' },
        { upsert: {} },
        { '@timestamp': at(2), message: 'framing 2' },
      ),
    });
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer.status).toBe(400);
    expect(answer.error.reason).toMatch(/line \[3\].*upsert/);
    expect(answer.error.root_cause[0].reason).toBe(answer.error.reason);
    expect(await storedMessages('framing ')).toEqual([]);
  });

  it('reads gzip-compressed bodies', async () => {
    const body = gzipSync(
      ndjson(
        { index: {} },
        { '@timestamp': at(1), message: 'gzipped 1' },
        { index: {} },
        {
          '@timestamp': at(1),
          message: 'gzipped 2',
        },
      ),
    );
    const response = await es('POST', '/_bulk', { body, headers: { 'content-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect((await response.json()).errors).toBe(false);
    expect(await storedMessages('gzipped ')).toEqual(['gzipped 1', 'gzipped 2']);
  });

  it('answers 413 beyond 5 MB, plain or once decompressed, and stores nothing', async () => {
    const line = (i: number) =>
      ndjson({ index: {} }, { '@timestamp': at(1), message: `oversized ${i} ${'x'.repeat(1000)}` });
    let big = '';
    for (let i = 0; big.length <= MAX_BULK_BYTES; i++) big += line(i);

    const plain = await es('POST', '/_bulk', { body: big });
    expect(plain.status).toBe(413);
    expect((await plain.json()).error.type).toBe('content_too_long_exception');

    const compressed = gzipSync(big);
    expect(compressed.byteLength).toBeLessThan(MAX_BULK_BYTES / 10);
    const inflated = await es('POST', '/_bulk', {
      body: compressed,
      headers: { 'content-encoding': 'gzip' },
    });
    expect(inflated.status).toBe(413);
    expect((await inflated.json()).error.reason).toMatch(/after decompression/);
    expect(await storedMessages('oversized ')).toEqual([]);

    const notGzip = await es('POST', '/_bulk', {
      body: 'plain text',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(notGzip.status).toBe(400);
  });

  it('answers GET on _bulk with 405', async () => {
    expect((await es('GET', '/_bulk')).status).toBe(405);
  });
});

describe('authentication', () => {
  const body = (marker: string) => ndjson({ index: {} }, { '@timestamp': at(1), message: marker });

  it('takes the token as bearer, as ApiKey (plain or base64 id:key) and as the basic-auth password', async () => {
    const forms = {
      bearer: `Bearer ${ingestToken}`,
      apikey: `ApiKey ${ingestToken}`,
      apikeypair: `ApiKey ${Buffer.from(`vigil:${ingestToken}`).toString('base64')}`,
      basic: `Basic ${Buffer.from(`logstash_writer:${ingestToken}`).toString('base64')}`,
    };
    for (const [form, authorization] of Object.entries(forms)) {
      const response = await es('POST', '/_bulk', { authorization, body: body(`auth ${form}`) });
      expect(response.status, form).toBe(200);
    }
    expect(await storedMessages('auth ')).toEqual([
      'auth apikey',
      'auth apikeypair',
      'auth basic',
      'auth bearer',
    ]);
  });

  it('answers 401 in Elasticsearch shape with WWW-Authenticate, on the handshake too', async () => {
    for (const [path, authorization] of [
      ['/_bulk', null],
      ['/_bulk', `Basic ${Buffer.from('elastic:changeme').toString('base64')}`],
      ['/', 'ApiKey bm90LWEtdG9rZW4='],
    ] as const) {
      const response = await es(path === '/' ? 'GET' : 'POST', path, {
        authorization,
        body: path === '/' ? undefined : body('never stored'),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
      expect(response.headers.get('www-authenticate')).toMatch(/Bearer.*ApiKey.*Basic/);
      const answer = await response.json();
      expect(answer).toMatchObject({ status: 401, error: { type: 'security_exception' } });
    }
    expect(await storedMessages('never stored')).toEqual([]);
  });

  it('takes only a token with the events:ingest scope, even of a user who may send events', async () => {
    const powerUser = await makeUser('power_user');
    const readWrite = await tokenOf(powerUser, 'api');
    const ingest = await tokenOf(powerUser, 'events:ingest');
    const refused = await es('POST', '/_bulk', {
      authorization: `Bearer ${readWrite}`,
      body: body('by read-write'),
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.reason).toMatch(/lacks the scope "events:ingest"/);
    expect(
      (await es('POST', '/_bulk', { authorization: `Bearer ${ingest}`, body: body('by ingest') }))
        .status,
    ).toBe(200);
    expect(await storedMessages('by ')).toEqual(['by ingest']);
  });
});

describe('the handshake shippers make first', () => {
  it('answers GET / with a version shippers accept, and HEAD / with 200 and no body', async () => {
    const info = await es('GET', '/');
    expect(info.status).toBe(200);
    const body = await info.json();
    expect(body.version.number).toBe('8.19.0');
    expect(body.version.build_flavor).toBe('default');
    expect(body.tagline).toBe('You Know, for Search');

    const head = await es('HEAD', '/');
    expect(head.status).toBe(200);
    expect(head.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(await head.text()).toBe('');
  });

  it('answers license, health and node discovery harmlessly', async () => {
    expect((await (await es('GET', '/_license')).json()).license.status).toBe('active');
    expect((await (await es('GET', '/_xpack')).json()).features.ilm.available).toBe(true);
    expect((await (await es('GET', '/_cluster/health')).json()).status).toBe('green');
    expect((await (await es('GET', '/_cluster/state/version')).json()).version).toBe(8);
    expect((await (await es('GET', '/_nodes/http')).json()).nodes).toEqual({});
    expect((await es('HEAD', '/_cat/health')).status).toBe(200);
    expect(await (await es('GET', '/_cat/health')).text()).toMatch(/ vigil green /);
  });

  it('says templates, policies and pipelines do not exist, and accepts putting them', async () => {
    for (const path of [
      '/_index_template/winlogbeat-8.19.0',
      '/_template/logstash',
      '/_ilm/policy/filebeat',
      '/_ingest/pipeline/winlogbeat-8.19.0-routing',
    ]) {
      expect((await es('HEAD', path)).status, path).toBe(404);
      const got = await es('GET', path);
      expect(got.status, path).toBe(404);
      expect((await got.json()).error.type).toBe('resource_not_found_exception');
      const put = await es('PUT', path, { body: JSON.stringify({ index_patterns: ['x-*'] }) });
      expect(put.status, path).toBe(200);
      expect(await put.json()).toEqual({ acknowledged: true });
    }
    expect(await (await es('GET', '/_index_template')).json()).toEqual({ index_templates: [] });
  });

  it('says every index exists, accepts creating one, and refuses deleting one', async () => {
    expect((await es('HEAD', '/logstash')).status).toBe(200);
    const created = await es('PUT', '/%3Clogstash-%7Bnow%2Fd%7D-000001%3E', {
      body: JSON.stringify({ aliases: { logstash: { is_write_index: true } } }),
    });
    expect(await created.json()).toMatchObject({ acknowledged: true });
    const deleted = await es('DELETE', '/logstash');
    expect(deleted.status).toBe(400);
    expect((await deleted.json()).error.reason).toMatch(/retention/);
  });

  it('ingests a single document sent to /{index}/_doc', async () => {
    const response = await es('POST', '/syslog/_doc', {
      body: JSON.stringify({ '@timestamp': at(1), message: 'single doc', host: { name: 'fw1' } }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ _index: 'syslog', result: 'created' });
    const bad = await es('POST', '/syslog/_doc', { body: JSON.stringify({ message: 'no time' }) });
    expect(bad.status).toBe(400);
    expect(await storedMessages('single doc')).toEqual(['single doc']);
  });

  it('answers paths it has no handler for as Elasticsearch does', async () => {
    const response = await es('POST', '/_search', { body: '{}' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.reason).toMatch(/no handler found for uri \[\/_search\]/);
  });
});
