import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { GET as getExport } from '@/app/api/v1/events/export.csv/route';
import { GET as getHistogram } from '@/app/api/v1/events/histogram/route';
import { GET as getSearch } from '@/app/api/v1/events/route';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { systemActor } from '@/lib/auth/actor';
import { ingestEvents } from '@/lib/events/ingest';
import { peopleWithTokens, routeCaller, type Call, type Handler } from '../support/api-fixtures';
import { parseCsv } from '../support/csv';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The event search as an API: GET /api/v1/events, its histogram and its CSV export, called as
// Next.js calls route handlers, over events sent in through the ingest path.

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const HOUR = 3_600_000;
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();

// Eight failed logons on two servers over the last day, other noise, one event two days old,
// and a host name that is a spreadsheet formula.
const FAILED = Array.from({ length: 8 }, (_, i) => ({
  '@timestamp': at(1 + i * 2),
  event_id: '4625',
  hostname: i % 2 ? 'srv-dc01' : 'srv-file02',
  app_name: 'Microsoft-Windows-Security-Auditing',
  user: `user${i}`,
  source_ip: `203.0.113.${10 + i}`,
  message: `An account failed to log on (${i}).`,
}));
const OTHERS = [
  { '@timestamp': at(3.5), event_id: '4624', hostname: 'srv-dc01', message: 'Logon.' },
  {
    '@timestamp': at(5.5),
    app_name: 'DefenseStorm Agent',
    hostname: 'ws-042',
    message: 'Heartbeat',
  },
  {
    '@timestamp': at(6.5),
    event_id: '4625',
    hostname: "=cmd|' /C calc'!A0",
    message: '+SUM(1,2) "quoted", with a comma',
    user: '@evil',
  },
];
const OLD = { '@timestamp': at(49), event_id: '4625', hostname: 'srv-dc01', message: 'Old.' };

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  await peopleWithTokens(db, (role) => makeUser(role), people, tokens);
  const result = await ingestEvents(db, systemActor('test'), [...FAILED, ...OTHERS, OLD], 'api');
  expect(result.rejected).toEqual([]);
});

let counter = 0;
async function makeUser(role: Role): Promise<User> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({
      email: `events-${role}-${counter}@example.com`,
      name: `${role} ${counter}`,
      role,
      timeZone: 'America/Chicago',
    })
    .returning();
  return user;
}

const call = routeCaller(() => tokens.read_only);
const search = (query: string, options: Call = {}) =>
  call(getSearch as Handler, 'GET', '/api/v1/events', { ...options, query });
const histogram = (query: string, options: Call = {}) =>
  call(getHistogram as Handler, 'GET', '/api/v1/events/histogram', { ...options, query });
const exportCsv = (query: string, options: Call = {}) =>
  call(getExport as Handler, 'GET', '/api/v1/events/export.csv', { ...options, query });

type EventBody = {
  id: string;
  timestamp: string;
  hostname: string | null;
  event_id: string | null;
  message: string | null;
  fields: Record<string, unknown>;
};
type Page = { count: number; countCapped: boolean; data: EventBody[]; nextCursor: string | null };

const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;
const lastDay = `&from=${encodeURIComponent(at(24))}&to=${encodeURIComponent(at(0))}`;

describe('GET /api/v1/events', () => {
  it('finds the matching events of the range, newest first, with an exact count', async () => {
    const response = await search(q('event_id:4625 AND hostname:srv*', lastDay));
    expect(response.status).toBe(200);
    const page: Page = await response.json();
    const expected = FAILED.map((e) => e['@timestamp'])
      .sort()
      .reverse();
    expect(page.count).toBe(8);
    expect(page.countCapped).toBe(false);
    expect(page.data.map((e) => e.timestamp)).toEqual(
      expected.map((t) => new Date(t).toISOString()),
    );
    expect(page.data[0]).toMatchObject({ event_id: '4625', hostname: 'srv-file02', user: 'user0' });
    expect(page.nextCursor).toBeNull();
  });

  it('defaults to the last 24 hours, and a preset widens it', async () => {
    const day: Page = await (await search(q('event_id:4625'))).json();
    expect(day.count).toBe(9);
    const week: Page = await (await search(q('event_id:4625', '&range=7d'))).json();
    expect(week.count).toBe(10);
    expect(week.data.at(-1)?.message).toBe('Old.');
  });

  it('pages by cursor through every match exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await search(
        q(
          'event_id:4625',
          `${lastDay}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ),
      );
      expect(response.status).toBe(200);
      const page: Page = await response.json();
      expect(page.data.length).toBeLessThanOrEqual(3);
      expect(page.count).toBe(9);
      seen.push(...page.data.map((e) => e.timestamp));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(9);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('answers 400 with the position for a query that does not parse', async () => {
    const response = await search(q('event_id:(4625 OR', lastDay));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.position).toEqual(expect.any(Number));
    expect(body.position).toBeGreaterThan(0);
    expect(body.expected).toEqual(expect.any(Array));
    expect(body.fields).toHaveProperty('q');
  });

  it('refuses unknown parameters, bad times, backwards and over-long ranges and bad limits', async () => {
    const cases: [string, string][] = [
      ['severty=high', 'severty'],
      [`from=yesterday&to=${encodeURIComponent(at(0))}`, 'from'],
      [`from=${encodeURIComponent(at(1))}&to=${encodeURIComponent(at(2))}`, 'to'],
      [`from=${encodeURIComponent(at(24 * 367))}&to=${encodeURIComponent(at(0))}`, 'to'],
      ['range=1y', 'range'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
    ];
    for (const [query, field] of cases) {
      const response = await search(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).fields, query).toHaveProperty(field);
    }
  });

  it('treats a hostile query as a query: no error from the database, the events still there', async () => {
    const response = await search(q("a:'); drop table events; --", lastDay));
    expect([200, 400]).toContain(response.status);
    if (response.status === 200) expect((await response.json()).count).toBe(0);
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from events`);
    expect(n).toBe(12);
  });

  it('lets a read-only token search and refuses a request without a token', async () => {
    expect((await search(q('event_id:4625', lastDay))).status).toBe(200);
    expect((await search(q('event_id:4625', lastDay), { token: null })).status).toBe(401);
    expect((await histogram(q('event_id:4625', lastDay), { token: null })).status).toBe(401);
    expect((await exportCsv(q('event_id:4625', lastDay), { token: null })).status).toBe(401);
  });
});

describe('GET /api/v1/events/histogram', () => {
  it('counts the matches bucket by bucket over the whole range', async () => {
    const response = await histogram(q('event_id:4625', lastDay));
    expect(response.status).toBe(200);
    const body: { bucketSeconds: number; buckets: { start: string; count: number }[] } =
      await response.json();
    expect(body.bucketSeconds).toBeGreaterThan(0);
    expect(body.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(9);
    const starts = body.buckets.map((b) => Date.parse(b.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0]).toBeLessThanOrEqual(Date.parse(at(24)));
    expect(starts.at(-1)! + body.bucketSeconds * 1000).toBeGreaterThanOrEqual(Date.parse(at(0)));
    // A bucket with a failed logon in it, another without one: empty buckets are there too.
    expect(body.buckets.some((b) => b.count === 0)).toBe(true);
  });

  it('answers 400 with the position for a query that does not parse', async () => {
    const response = await histogram(q('hostname:"srv', lastDay));
    expect(response.status).toBe(400);
    expect((await response.json()).position).toEqual(expect.any(Number));
  });
});

describe('GET /api/v1/events/export.csv', () => {
  it('streams every match, newest first, with formula cells made plain text', async () => {
    const response = await exportCsv(q('event_id:4625', lastDay));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vigil-events-\d{8}-\d{4}\.csv"$/,
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(header.slice(0, 3)).toEqual(['timestamp (America/Chicago)', 'app_name', 'hostname']);
    expect(rows).toHaveLength(9);
    const column = (name: string) => header.indexOf(name);
    const hostile = rows.find((row) => row[column('hostname')].includes('cmd'))!;
    expect(hostile[column('hostname')]).toBe("'=cmd|' /C calc'!A0");
    expect(hostile[column('message')]).toBe(`'+SUM(1,2) "quoted", with a comma`);
    expect(hostile[column('user')]).toBe("'@evil");
    // Times in the token user's zone, named in the header, as spreadsheets read dates.
    const timestamp = column('timestamp (America/Chicago)');
    expect(rows[0][timestamp]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const times = rows.map((row) => row[timestamp]);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('holds more events than one page of the store', async () => {
    const many = Array.from({ length: 1205 }, (_, i) => ({
      '@timestamp': new Date(now - 30 * HOUR - i * 1000).toISOString(),
      event_id: '9999',
      hostname: `bulk-${i}`,
    }));
    await ingestEvents(db, systemActor('test'), many, 'api');
    const response = await exportCsv(q('event_id:9999', '&range=7d'));
    const [, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(1205);
    expect(new Set(rows.map((row) => row.at(-1))).size).toBe(1205);
  });
});

describe('the OpenAPI document', () => {
  it('describes the event search, its histogram, its export and ingest', async () => {
    const document = await (await getOpenApi()).json();
    for (const path of ['/api/v1/events', '/api/v1/events/histogram', '/api/v1/events/export.csv'])
      expect(document.paths).toHaveProperty([path]);
    expect(document.paths['/api/v1/events']).toHaveProperty('post');
    expect(document.components.schemas.EventPage.properties).toHaveProperty('nextCursor');
  });
});
