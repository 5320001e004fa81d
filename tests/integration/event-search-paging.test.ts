import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventIdsSha256 } from '@/lib/events/evidence-hash';
import { ensureEventPartitions } from '@/lib/events/postgres/partitions';
import { parseEventQuery } from '@/lib/events/query/parse';
import { getEventStore } from '@/lib/events/store';
import { EVENT_COUNT_CAP, type TimeRange } from '@/lib/events/types';
import { insertEventFixtures, type InsertedEventFixtures } from '../support/event-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

// Keyset paging, the count cap, the histogram, match summaries and lookups by id.

let fixtures: InsertedEventFixtures;
const test = setUpTestDatabase(async ({ db }) => {
  fixtures = await insertEventFixtures(db);
});
const store = () => getEventStore(test.db);

// A day of crowded events: 1,000 of them at 40 instants (25 at each), some instants a
// microsecond apart, so a cursor that rounds to milliseconds or ignores the id would skip or
// repeat some. Inserted in SQL: JavaScript dates cannot carry microseconds.
const CROWDED: TimeRange = {
  from: new Date('2026-04-01T00:00:00Z'),
  to: new Date('2026-04-02T00:00:00Z'),
};

// More events than the count cap, in a day of their own.
const BUSY: TimeRange = {
  from: new Date('2026-04-10T00:00:00Z'),
  to: new Date('2026-04-11T00:00:00Z'),
};

beforeAll(async () => {
  await ensureEventPartitions(test.db, ['2026-04-01', '2026-04-10']);
  await test.db.execute(sql`
    insert into events (occurred_at, source, app_name, hostname, event_id, message)
    select timestamptz '2026-04-01 12:00:00+00'
             + (i % 20) * interval '1 minute'
             + (i % 40 / 20) * interval '1 microsecond',
           'api', 'crowd', 'srv-' || (i % 7), '4625', 'An account failed to log on.'
    from generate_series(0, 999) as i`);
  await test.db.execute(sql`
    insert into events (occurred_at, source, app_name, event_id)
    select timestamptz '2026-04-10 00:00:00+00' + i * interval '8 seconds', 'api', 'busy', '4624'
    from generate_series(0, ${EVENT_COUNT_CAP + 4}) as i`);
});

describe('keyset paging', () => {
  it('walks every match newest first, with no duplicate and no gap, across crowded instants', async () => {
    const expected = await test.db.execute<{ id: string }>(sql`
      select e.id::text as id from events e
      where e.occurred_at >= ${CROWDED.from.toISOString()}::timestamptz
        and e.occurred_at < ${CROWDED.to.toISOString()}::timestamptz
      order by e.occurred_at desc, e.id desc`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store().search({
        query: parseEventQuery('app_name:crowd'),
        range: CROWDED,
        limit: 37,
        cursor,
      });
      expect(page.count).toBe(1000);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(1000 / 37));
    expect(seen).toEqual([...expected].map((r) => r.id));
  });

  it('gives no next page when the last page is exactly full', async () => {
    const page = await store().search({
      query: parseEventQuery('event_id:4625'),
      range: fixtures.range,
      limit: 4,
    });
    expect(page.data).toHaveLength(4);
    expect(page.nextCursor).toBeNull();
  });

  it('refuses a tampered cursor and a limit outside 1..1000', async () => {
    const query = parseEventQuery('');
    for (const cursor of ['not-a-cursor', Buffer.from('["x","1"]').toString('base64url')])
      expect(
        await rejection(store().search({ query, range: CROWDED, limit: 10, cursor })),
      ).toMatchObject({ fieldErrors: { cursor: expect.any(String) } });
    for (const limit of [0, 1001, 2.5])
      expect(await rejection(store().search({ query, range: CROWDED, limit }))).toMatchObject({
        fieldErrors: { limit: expect.any(String) },
      });
    expect(
      await rejection(
        store().search({ query, range: { from: CROWDED.to, to: CROWDED.from }, limit: 10 }),
      ),
    ).toMatchObject({ fieldErrors: { range: expect.any(String) } });
  });
});

describe('the count', () => {
  it('is exact up to the cap and "at least the cap" above it', async () => {
    const busy = await store().search({ query: parseEventQuery(''), range: BUSY, limit: 5 });
    expect(busy).toMatchObject({ count: EVENT_COUNT_CAP, countCapped: true });
    expect(busy.data).toHaveLength(5);
    const exact = await store().search({
      query: parseEventQuery('timestamp:<2026-04-10T22:13:20Z'),
      range: BUSY,
      limit: 5,
    });
    // 22:13:20 is 80,000 s after midnight: exactly the cap's 10,000 events, 8 s apart.
    expect(exact).toMatchObject({ count: EVENT_COUNT_CAP, countCapped: false });
  });
});

describe('the histogram', () => {
  it('has every bucket of the range, aligned, and counts each match once', async () => {
    const histogram = await store().histogram(
      parseEventQuery('app_name:bro_dns OR app_name:wlc'),
      fixtures.range,
    );
    // A week: 3-hour buckets.
    expect(histogram.bucketSeconds).toBe(3 * 3600);
    expect(histogram.buckets).toHaveLength(56);
    expect(histogram.buckets[0].start).toEqual(fixtures.range.from);
    expect(histogram.buckets.at(-1)!.start).toEqual(new Date('2026-03-07T21:00:00Z'));
    const nonEmpty = histogram.buckets.filter((b) => b.count > 0);
    expect(nonEmpty).toEqual([
      { start: new Date('2026-03-05T09:00:00Z'), count: 2 },
      { start: new Date('2026-03-05T12:00:00Z'), count: 2 },
    ]);
  });

  it('picks the bucket width from the range, a minute to a day', async () => {
    const at = (iso: string) => new Date(iso);
    const widths: [TimeRange, number, number][] = [
      [{ from: at('2026-03-02T02:00:00Z'), to: at('2026-03-02T03:00:00Z') }, 60, 60],
      [{ from: at('2026-03-02T00:00:00Z'), to: at('2026-03-03T00:00:00Z') }, 900, 96],
      [{ from: at('2026-03-01T00:00:00Z'), to: at('2026-03-31T00:00:00Z') }, 6 * 3600, 120],
      [{ from: at('2026-01-01T00:00:00Z'), to: at('2026-07-01T00:00:00Z') }, 86400, 181],
      // An unaligned range starts with the bucket holding its first instant.
      [{ from: at('2026-03-02T02:10:30Z'), to: at('2026-03-02T02:15:00Z') }, 60, 5],
    ];
    for (const [range, seconds, count] of widths) {
      const histogram = await store().histogram(parseEventQuery('event_id:4625'), range);
      expect([histogram.bucketSeconds, histogram.buckets.length]).toEqual([seconds, count]);
    }
    const hour = await store().histogram(parseEventQuery('event_id:4625'), widths[0][0]);
    expect(hour.buckets.filter((b) => b.count > 0)).toEqual([
      { start: at('2026-03-02T02:10:00Z'), count: 2 },
      { start: at('2026-03-02T02:11:00Z'), count: 1 },
    ]);
  });
});

describe('match summaries', () => {
  it('count and hash every match, and sample the newest', async () => {
    const summary = await store().summarize(parseEventQuery('event_id:4625'), fixtures.range, 2);
    const failed = [
      'logon-failed-web01',
      'logon-failed-web02',
      'logon-failed-db01',
      'logon-failed-workstation',
    ];
    expect(summary.count).toBe(4);
    expect(summary.idsSha256).toBe(eventIdsSha256(failed.map((k) => fixtures.ids[k])));
    expect(summary.sample.map((e) => fixtures.keyOf(e.id))).toEqual([
      'logon-failed-workstation',
      'logon-failed-db01',
    ]);
  });

  it('hash the whole set beyond the count cap', async () => {
    const summary = await store().summarize(parseEventQuery(''), BUSY);
    const ids = await test.db.execute<{ id: string }>(sql`
      select id::text from events where app_name = 'busy'`);
    expect(summary.count).toBe(EVENT_COUNT_CAP + 5);
    expect(summary.idsSha256).toBe(eventIdsSha256([...ids].map((r) => r.id)));
    expect(summary.sample).toEqual([]);
  });

  it('hash the empty set as the empty string', async () => {
    const summary = await store().summarize(parseEventQuery('nosuchfield:x'), fixtures.range, 5);
    expect(summary).toEqual({ count: 0, idsSha256: eventIdsSha256([]), sample: [] });
  });
});

describe('events by id', () => {
  it('returns the stored events asked for, newest first, and skips unknown or malformed ids', async () => {
    const wanted = ['user-created-dc01', 'sshd-failed', 'firewall-deny-cn'].map(
      (k) => fixtures.ids[k],
    );
    const found = await store().getByIds([
      ...wanted,
      '999999999',
      'abc',
      '1); drop table events; --',
      wanted[0],
    ]);
    expect(found.map((e) => fixtures.keyOf(e.id))).toEqual([
      'sshd-failed',
      'firewall-deny-cn',
      'user-created-dc01',
    ]);
    expect(found[0]).toMatchObject({
      app_name: 'sshd',
      hostname: 'srv-bastion',
      source_ip: '203.0.113.9',
      user: 'admin',
      occurredAt: new Date('2026-03-06T22:15:00Z'),
      source: 'api',
      fields: { 'syslog.facility': 'auth', 'syslog.severity': 'warning', pid: 4242 },
    });
    expect(await store().getByIds([])).toEqual([]);
  });
});
