import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { GET as getSearch } from '@/app/api/v1/events/route';
import { SearchTimeLimitError } from '@/lib/events/search-time-limit-error';
import { parseEventQuery } from '@/lib/events/query/parse';
import { getEventStore } from '@/lib/events/store';
import { peopleWithTokens, routeCaller, type Handler } from '../support/api-fixtures';
import { rejection, setUpAppTestDatabase } from '../support/test-database-hooks';

// A bare word has no index: it reads every event in the range. An interactive search stops at
// its time limit and says what to do, instead of holding a pooled connection for minutes.

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
const DAY = 86_400_000;
const range = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60_000) };

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  let counter = 0;
  await peopleWithTokens(
    db,
    async (role) => {
      counter += 1;
      const [user] = await db
        .insert(users)
        .values({ email: `limit-${role}-${counter}@example.com`, name: `${role}`, role })
        .returning();
      return user;
    },
    people,
    tokens,
  );
  // 200,000 events over the last day, straight in SQL (the days' partitions first).
  for (const day of [0, 1]) {
    await db.execute(
      sql`select events_ensure_partition((now() at time zone 'UTC')::date - ${day}::int)`,
    );
  }
  await db.execute(sql`
    insert into events (occurred_at, source, app_name, hostname, event_id, message, fields)
    select now() - (i || ' seconds')::interval * 0.4, 'api', 'firewall', 'fw-' || (i % 50),
           (i % 7)::text, 'allowed connection ' || i, jsonb_build_object('rule', 'r' || (i % 13))
    from generate_series(1, 200000) as i`);
});

const call = routeCaller(() => tokens.read_only);

afterEach(() => {
  delete process.env.VIGIL_EVENT_SEARCH_TIMEOUT_MS;
});

describe('the time limit of a search', () => {
  it('stops a bare-word search that runs past it, and says what to do', async () => {
    process.env.VIGIL_EVENT_SEARCH_TIMEOUT_MS = '1';
    const store = getEventStore(db);
    const error = await rejection(
      store.search({ query: parseEventQuery('nowhere'), range, limit: 50 }),
    );
    expect(error).toBeInstanceOf(SearchTimeLimitError);
    expect((error as SearchTimeLimitError).fieldErrors.q).toMatch(/Name a field/);
    expect(await rejection(store.histogram(parseEventQuery('nowhere'), range))).toBeInstanceOf(
      SearchTimeLimitError,
    );
  });

  it('answers the API with 400 naming the query, and the pool keeps working', async () => {
    process.env.VIGIL_EVENT_SEARCH_TIMEOUT_MS = '1';
    const response = await call(getSearch as Handler, 'GET', '/api/v1/events', {
      query: `q=nowhere&from=${range.from.toISOString()}&to=${range.to.toISOString()}`,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).fields.q).toMatch(/took longer than 1 s/);
    delete process.env.VIGIL_EVENT_SEARCH_TIMEOUT_MS;
    // The same connection, its limit gone with the transaction: a named field answers.
    const found = await getEventStore(db).search({
      query: parseEventQuery('hostname:fw-7 AND event_id:0'),
      range,
      limit: 5,
    });
    expect(found.data).toHaveLength(5);
    const [{ timeout }] = await db.execute<{ timeout: string }>(
      sql`select current_setting('statement_timeout') as timeout`,
    );
    expect(timeout).toBe('0');
  });
});
