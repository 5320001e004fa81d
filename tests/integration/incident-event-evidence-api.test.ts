import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { events, organization, users, type Role, type User } from '@/db/schema';
import { GET as getEvents, POST as postEvents } from '@/app/api/v1/incidents/[number]/events/route';
import { GET as getIncident } from '@/app/api/v1/incidents/[number]/route';
import { getEventStore } from '@/lib/events/store';
import { createIncidentFromEvents } from '@/lib/incidents/event-evidence';
import { userActor } from '@/lib/auth/actor';
import { peopleWithTokens, routeCaller, type Call } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// POST /api/v1/incidents/{number}/events copies events into an incident; GET lists them.

let db: Db;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, User>;
let counter = 0;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'UTC' });
  await peopleWithTokens(
    db,
    async (role) => {
      counter += 1;
      const [user] = await db
        .insert(users)
        .values({
          email: `evidence-api-${counter}@example.com`,
          name: `${role} ${counter}`,
          role,
          timeZone: 'UTC',
        })
        .returning();
      return user;
    },
    people,
    tokens,
  );
});

const call = routeCaller(() => tokens.user);
const post = (number: number | string, body: unknown, options: Call = {}) =>
  call(postEvents, 'POST', `/api/v1/incidents/${number}/events`, { ...options, number, body });
const get = (number: number | string, options: Call = {}) =>
  call(getEvents, 'GET', `/api/v1/incidents/${number}/events`, { ...options, number });

async function storeTwo(): Promise<[string, string]> {
  await getEventStore(db).insert(
    ['2026-08-01T10:00:00Z', '2026-08-01T10:00:30Z'].map((at, i) => ({
      occurredAt: new Date(at),
      source: 'api' as const,
      app_name: 'sshd',
      hostname: 'bastion-01',
      event_id: null,
      category: 'auth',
      message: `api-evidence Failed password for root ${i}`,
      source_ip: '203.0.113.9',
      dest_ip: null,
      user: 'root',
      fields: {},
    })),
  );
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(sql`${events.message} like 'api-evidence %'`)
    .orderBy(events.occurredAt);
  return [String(rows[0].id), String(rows[1].id)];
}

describe('the incident evidence API', () => {
  it('adds events (201), answers 200 when all were there already, and lists them', async () => {
    const [a, b] = await storeTwo();
    const { incident } = await createIncidentFromEvents(db, userActor(people.user), {
      title: 'SSH brute force on bastion-01',
      eventIds: [a],
      search: { query: 'app_name:sshd', from: '2026-08-01T00:00:00Z', to: '2026-08-02T00:00:00Z' },
    });

    const added = await post(`INC-${incident.number}`, {
      eventIds: [a, b],
      search: { query: 'user:root', from: '2026-08-01T00:00:00Z', to: '2026-08-02T00:00:00Z' },
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ number: `INC-${incident.number}`, added: 1, skipped: 1 });
    const again = await post(incident.number, { eventIds: [b] });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ added: 0, skipped: 1 });

    const listed = await get(incident.number, { token: tokens.read_only });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as {
      number: string;
      data: {
        eventId: string;
        event: Record<string, unknown>;
        searchUrl: string;
        addedBy: string;
      }[];
    };
    expect(body.data.map((e) => e.eventId)).toEqual([a, b]);
    expect(body.data[0]).toMatchObject({
      event: { hostname: 'bastion-01', occurredAt: '2026-08-01T10:00:00.000Z' },
      searchUrl:
        '/events?q=app_name%3Asshd&from=2026-08-01T00%3A00%3A00.000Z&to=2026-08-02T00%3A00%3A00.000Z',
      addedBy: people.user.name,
    });
    expect(body.data[1].searchUrl).toContain('q=user%3Aroot');
    const detail = await call(getIncident, 'GET', `/api/v1/incidents/${incident.number}`, {
      number: incident.number,
    });
    expect(await detail.json()).toMatchObject({ source: 'event', eventsCount: 2 });
  });

  it('answers 403 to a read-only token, 400 naming a misspelt field, 404 for no incident', async () => {
    const [a] = await storeTwo();
    const { incident } = await createIncidentFromEvents(db, userActor(people.admin), {
      title: 'Refusals',
      eventIds: [a],
    });
    expect(
      (await post(incident.number, { eventIds: [a] }, { token: tokens.read_only })).status,
    ).toBe(403);
    const bad = await post(incident.number, { eventIDs: [a] });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { fields: Record<string, string> }).fields)).toEqual(
      expect.arrayContaining(['eventIds']),
    );
    const gone = await post(incident.number, { eventIds: ['999999999'] });
    expect(gone.status).toBe(400);
    expect(((await gone.json()) as { fields: Record<string, string> }).fields.eventIds).toMatch(
      /no longer in the event store/,
    );
    expect((await post(987_654, { eventIds: [a] })).status).toBe(404);
    expect((await get(987_654)).status).toBe(404);
  });
});
