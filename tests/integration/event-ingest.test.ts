import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { POST } from '@/app/api/v1/events/route';
import { ensureEventPartitions, utcDaysOf } from '@/lib/events/postgres/partitions';
import { getEventStore } from '@/lib/events/store';
import { peopleWithTokens } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// POST /api/v1/events through the real route handler, into this file's own database.

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
          .values({ email: `ingest-${role}@example.com`, name: role, role, timeZone: 'UTC' })
          .returning()
      )[0],
    people,
    tokens,
  );
});

type Post = { body: string; type?: string; token?: string };

function post({ body, type = 'application/json', token = tokens.power_user }: Post) {
  const headers = new Headers({ 'content-type': type, authorization: `Bearer ${token}` });
  const request = new Request('http://vigil.test/api/v1/events', { method: 'POST', headers, body });
  return POST(request, undefined as never);
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

async function stored(marker: string) {
  return db.execute<{
    hostname: string | null;
    message: string | null;
    user: string | null;
    event_id: string | null;
    source: string;
    fields: Record<string, unknown>;
  }>(sql`select hostname, message, "user", event_id, source, fields from events
         where fields ->> 'marker' = ${marker} order by id`);
}

describe('POST /api/v1/events', () => {
  it('keeps the good events of a mixed batch and lists each bad one by index with its reason', async () => {
    const response = await post({
      body: JSON.stringify([
        { '@timestamp': hoursAgo(1), host: { name: 'srv-a' }, marker: 'mixed' },
        { message: 'no time', marker: 'mixed' },
        'not an object',
        { '@timestamp': hoursAgo(2), winlog: { event_id: 4625 }, marker: 'mixed' },
        { '@timestamp': '2026-13-01T00:00:00Z', marker: 'mixed' },
        { '@timestamp': hoursAgo(3), message: 'nul \u0000 inside', marker: 'mixed' },
      ]),
    });
    expect(response.status).toBe(207);
    const body = await response.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 4, 5]);
    expect(body.rejected[0].reason).toMatch(/no "@timestamp"/);
    expect(body.rejected[1].reason).toMatch(/JSON object/);
    expect(body.rejected[3].reason).toMatch(/NUL/);
    const rows = await stored('mixed');
    expect(rows.map((r) => [r.hostname, r.event_id, r.source])).toEqual([
      ['srv-a', null, 'api'],
      [null, '4625', 'api'],
    ]);
  });

  it('refuses a body that is neither an array of events nor one event with a 400', async () => {
    for (const body of ['""', '42', 'null', 'true']) {
      const response = await post({ body });
      expect(response.status, body).toBe(400);
      expect((await response.json()).detail).toMatch(/JSON array of events, one event object/);
    }
  });

  it('refuses an event whose indexed field is too long for the index, keeping the rest of the batch', async () => {
    // The search indexes carry app_name, hostname, event_id, category and user: one very long
    // value there would make PostgreSQL refuse the whole batch.
    const response = await post({
      body: JSON.stringify([
        {
          '@timestamp': hoursAgo(1),
          event_id: '4625',
          user: randomBytes(1500).toString('hex'),
          marker: 'long',
        },
        {
          '@timestamp': hoursAgo(1),
          event_id: '4625',
          app_name: randomBytes(300).toString('hex').replace(/[0-9]/g, 'é'),
          marker: 'long',
        },
        { '@timestamp': hoursAgo(1), event_id: '4625', user: 'dana', marker: 'long' },
        { '@timestamp': hoursAgo(1), message: 'm'.repeat(10_000), marker: 'long' },
      ]),
    });
    expect(response.status).toBe(207);
    const body = await response.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 1]);
    expect(body.rejected[0].reason).toMatch(/"user" is 3,000 bytes; at most 500/);
    expect(body.rejected[1].reason).toMatch(/"app_name" is [\d,]+ bytes; at most 500/);
    expect((await stored('long')).map((r) => r.user)).toEqual(['dana', null]);
  });

  it('answers 200 when every event was accepted', async () => {
    const response = await post({
      body: JSON.stringify({ '@timestamp': hoursAgo(1), marker: 'single' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] });
  });

  it('reads NDJSON by its Content-Type and sniffed, a bad line rejected by index and line', async () => {
    const lines = [
      JSON.stringify({ '@timestamp': hoursAgo(1), marker: 'ndjson', n: 1 }),
      '',
      '{"@timestamp": oops',
      JSON.stringify({ '@timestamp': hoursAgo(1), marker: 'ndjson', n: 2 }),
    ].join('\n');
    const typed = await post({ body: lines, type: 'application/x-ndjson' });
    expect(typed.status).toBe(207);
    const body = await typed.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, reason: expect.stringMatching(/^Line 3 is not JSON/) },
    ]);

    const good = [1, 2, 3]
      .map((n) => JSON.stringify({ '@timestamp': hoursAgo(1), marker: 'sniffed', n }))
      .join('\n');
    const sniffed = await post({ body: `${good}\n`, type: 'application/json' });
    expect(await sniffed.json()).toEqual({ accepted: 3, rejected: [] });
    expect(await stored('sniffed')).toHaveLength(3);
  });

  it('answers 400 for a body that is not JSON or NDJSON at all, naming the line', async () => {
    const notJson = await post({ body: 'hello there' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/not JSON/);
    const noLine = await post({ body: 'a\nb\n', type: 'application/x-ndjson' });
    expect(noLine.status).toBe(400);
    expect((await noLine.json()).error).toMatch(/not NDJSON: line 1 is not JSON/);
    expect((await post({ body: '' })).status).toBe(400);
  });

  it('answers 413 beyond 5 MB without storing any of it', async () => {
    const event = JSON.stringify({
      '@timestamp': hoursAgo(1),
      marker: 'huge',
      pad: 'x'.repeat(60_000),
    });
    const body = `[${Array.from({ length: 90 }, () => event).join(',')}]`;
    expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
    const response = await post({ body });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/larger than 5 MB/);
    expect(await stored('huge')).toHaveLength(0);
  });

  it('refuses a token whose user may not send events', async () => {
    const response = await post({
      body: JSON.stringify([{ '@timestamp': hoursAgo(1), marker: 'refused' }]),
      token: tokens.user,
    });
    expect(response.status).toBe(403);
    expect(await stored('refused')).toHaveLength(0);
  });

  it('creates the partition of each day a batch touches', async () => {
    const days = [hoursAgo(0), hoursAgo(24), hoursAgo(48)];
    const response = await post({
      body: JSON.stringify(days.map((t) => ({ '@timestamp': t, marker: 'days' }))),
    });
    expect(await response.json()).toMatchObject({ accepted: 3 });
    const partitions = await db.execute<{ name: string }>(sql`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'events'::regclass`);
    const names = partitions.map((p) => p.name);
    for (const day of utcDaysOf(days.map((d) => new Date(d))))
      expect(names).toContain(`events_${day.replaceAll('-', '')}`);
  });

  it('stores tabs, newlines, backslashes, quotes and Unicode exactly as sent', async () => {
    const tricky = [
      'tab\there',
      'line one\nline two\r\nline three',
      'C:\\Windows\\System32\\cmd.exe /c "echo \\N"',
      'quotes "double" and \'single\', commas, semicolons;',
      '\\N',
      'Zürich · 東京 · 🔐 · \u202eRTL',
    ];
    const response = await post({
      body: JSON.stringify(
        tricky.map((text, n) => ({
          '@timestamp': hoursAgo(1),
          message: text,
          user: text,
          marker: 'tricky',
          n,
          nested: { value: text, list: [text, 1, null] },
        })),
      ),
    });
    expect(await response.json()).toEqual({ accepted: tricky.length, rejected: [] });
    const rows = await stored('tricky');
    expect(rows.map((r) => r.message)).toEqual(tricky);
    expect(rows.map((r) => r.user)).toEqual(tricky);
    expect(rows.map((r) => r.fields['nested.value'])).toEqual(tricky);
    expect(rows.map((r) => r.fields['nested.list'])).toEqual(tricky.map((t) => [t, 1, null]));
  });

  it('records the field names events carried, for saved queries to check against', async () => {
    await post({
      body: JSON.stringify([
        { '@timestamp': hoursAgo(1), geo_dest: { country: 'NL' }, marker: 'names' },
      ]),
    });
    const names = await db.execute<{ name: string }>(
      sql`select name from event_field_names where name in ('geo_dest.country', 'marker', 'hostname')`,
    );
    expect(names.map((n) => n.name).sort()).toEqual(['geo_dest.country', 'marker']);
  });
});

describe('the store’s COPY', () => {
  it('fails a batch PostgreSQL refuses as a whole instead of hanging, and the pool keeps working', async () => {
    const at = new Date();
    const bad = {
      occurredAt: at,
      source: 'api' as const,
      fields: { note: 'nul \u0000' },
      app_name: null,
      hostname: null,
      event_id: null,
      category: null,
      message: null,
      source_ip: null,
      dest_ip: null,
      user: null,
    };
    const outcome = await Promise.race([
      getEventStore(db)
        .insert([{ ...bad, fields: { marker: 'all-or-nothing' } }, bad])
        .then(
          () => 'stored',
          (error: Error) => `refused: ${error.message}`,
        ),
      new Promise((resolve) => setTimeout(() => resolve('hung'), 10_000)),
    ]);
    expect(outcome).toMatch(/^refused: .*unicode|^refused: .*\\u0000/i);
    // All or nothing: the good event before it was not kept either.
    expect(await stored('all-or-nothing')).toHaveLength(0);
    for (let i = 0; i < 12; i++) await db.execute(sql`select 1`);
  });

  it('makes a partition again when another process dropped it', async () => {
    const at = new Date(Date.now() - 5 * 86_400_000);
    const [day] = utcDaysOf([at]);
    await ensureEventPartitions(db, [day]);
    await db.execute(sql.raw(`drop table events_${day.replaceAll('-', '')}`));
    const response = await post({
      body: JSON.stringify([{ '@timestamp': at.toISOString(), marker: 'again' }]),
    });
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] });
    expect(await stored('again')).toHaveLength(1);
  });
});
