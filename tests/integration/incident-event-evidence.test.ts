import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  events,
  incidentEvents,
  incidents,
  organization,
  type Role,
} from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { getEventStore } from '@/lib/events/store';
import type { NormalizedEvent } from '@/lib/events/types';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { changeIncidentState } from '@/lib/incidents/change-state';
import {
  addEventsToIncident,
  createIncidentFromEvents,
  getIncidentEvents,
} from '@/lib/incidents/event-evidence';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';
import { actorOf, insertUser } from '../support/ticket-fixtures';

// Events selected on the Events page become an incident's evidence: copied whole in the
// transaction that opens (or adds to) the incident, kept when retention drops their day, and
// never changed afterwards.

let db: Db;
let analyst: UserActor;

const test = setUpTestDatabase(async () => {
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'America/Chicago' });
  analyst = actorOf(await insertUser(db, 'user', { name: 'Dana Reyes' }));
});

const makeActor = async (role: Role) => actorOf(await insertUser(db, role));

let sequence = 0;

/** Stores events (one per time given) and answers their ids, in the order given. */
async function storeEvents(times: string[], host = 'srv-fin-01'): Promise<string[]> {
  const marker = `evidence-test-${++sequence}`;
  const batch: NormalizedEvent[] = times.map((at, i) => ({
    occurredAt: new Date(at),
    source: 'api',
    app_name: 'Microsoft-Windows-Security-Auditing',
    hostname: host,
    event_id: '4625',
    category: 'logon',
    message: `${marker} failed logon ${i}`,
    source_ip: `10.0.0.${i + 1}`,
    dest_ip: null,
    user: `svc-${i}`,
    fields: { 'winlog.event_data.TargetUserName': `svc-${i}`, marker },
  }));
  await getEventStore(db).insert(batch);
  const rows = await db
    .select({ id: events.id, message: events.message })
    .from(events)
    .where(sql`${events.message} like ${`${marker} %`}`);
  return batch.map((e) => String(rows.find((r) => r.message === e.message)!.id));
}

const search = {
  query: 'event_id:4625',
  from: '2026-06-01T00:00:00.000Z',
  to: '2026-06-30T00:00:00.000Z',
};

async function incidentsTitled(title: string) {
  return db.select().from(incidents).where(eq(incidents.title, title));
}

async function activityOf(incidentId: string) {
  return db
    .select()
    .from(activityLog)
    .where(eq(activityLog.entityId, incidentId))
    .orderBy(asc(activityLog.id));
}

describe('creating an incident from events', () => {
  it('opens the incident (source event) with copies of the events and both log rows, in one go', async () => {
    const ids = await storeEvents([
      '2026-06-10T09:00:00Z',
      '2026-06-10T09:00:05Z',
      '2026-06-10T09:01:00Z',
    ]);
    const { incident, added } = await createIncidentFromEvents(db, analyst, {
      title: 'Failed logon burst on srv-fin-01',
      severity: 'medium',
      description: '**Who:** srv-fin-01',
      eventIds: ids,
      search,
    });
    expect(added).toBe(3);
    expect(incident).toMatchObject({ source: 'event', severity: 'medium', state: 'triage' });

    const kept = await getIncidentEvents(db, incident.id);
    expect(kept.map((e) => e.eventId)).toEqual(ids);
    expect(kept[0]).toMatchObject({
      addedBy: 'Dana Reyes',
      addedById: analyst.userId,
      triggerId: null,
      search: {
        query: 'event_id:4625',
        from: new Date(search.from),
        to: new Date(search.to),
      },
    });
    expect(kept[0].event).toMatchObject({
      id: ids[0],
      hostname: 'srv-fin-01',
      event_id: '4625',
      source_ip: '10.0.0.1',
      fields: { 'winlog.event_data.TargetUserName': 'svc-0' },
    });
    expect(kept[0].event.occurredAt).toEqual(new Date('2026-06-10T09:00:00Z'));

    const log = await activityOf(incident.id);
    expect(log.map((r) => r.action)).toEqual(['incident.created', 'incident.events-added']);
    expect(log[1].changes.events).toEqual({
      old: null,
      new: '3 events from the search `event_id:4625` over 2026-06-01T00:00:00.000Z–2026-06-30T00:00:00.000Z',
    });
  });

  it('leaves no incident when copying the events fails', async () => {
    const ids = await storeEvents(['2026-06-11T10:00:00Z']);
    await db.execute(sql`
      create function refuse_evidence() returns trigger language plpgsql as $$
      begin raise exception 'evidence refused for the test'; end $$;
      create trigger refuse_evidence before insert on incident_events
        for each row execute function refuse_evidence();
    `);
    try {
      const error = await rejection(
        createIncidentFromEvents(db, analyst, {
          title: 'Copy fails midway',
          eventIds: ids,
          search,
        }),
      );
      expect(String((error as Error).cause ?? error)).toContain('evidence refused for the test');
    } finally {
      await db.execute(sql`drop trigger refuse_evidence on incident_events`);
      await db.execute(sql`drop function refuse_evidence()`);
    }
    expect(await incidentsTitled('Copy fails midway')).toEqual([]);
  });

  it('refuses ids the store no longer has, saying how many, and opens nothing', async () => {
    const [id] = await storeEvents(['2026-06-12T10:00:00Z']);
    const error = await rejection(
      createIncidentFromEvents(db, analyst, {
        title: 'With expired events',
        eventIds: [id, '999999991', '999999992'],
        search,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.eventIds).toMatch(
      /^2 of the 3 selected events are no longer in the event store/,
    );
    expect(await incidentsTitled('With expired events')).toEqual([]);
  });

  it('checks the incident fields and the selection before anything else', async () => {
    const error = await rejection(
      createIncidentFromEvents(db, analyst, { title: '', eventIds: [], search }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toContain('eventIds');
  });
});

describe('adding events to an incident', () => {
  it('skips the events it already has and logs only what it added', async () => {
    const [a, b, c] = await storeEvents([
      '2026-06-13T08:00:00Z',
      '2026-06-13T08:05:00Z',
      '2026-06-13T08:10:00Z',
    ]);
    const { incident } = await createIncidentFromEvents(db, analyst, {
      title: 'Growing evidence',
      eventIds: [a, b],
      search,
    });
    const second = await addEventsToIncident(db, analyst, incident.number, {
      eventIds: [b, c],
      search: { query: 'hostname:srv-fin-01', from: null, to: null },
    });
    expect(second).toMatchObject({ added: 1, skipped: 1 });
    const again = await addEventsToIncident(db, analyst, `INC-${incident.number}`, {
      eventIds: [a, c],
    });
    expect(again).toMatchObject({ added: 0, skipped: 2 });

    const kept = await getIncidentEvents(db, incident.id);
    expect(kept.map((e) => e.eventId)).toEqual([a, b, c]);
    expect(kept[2].search.query).toBe('hostname:srv-fin-01');
    const added = (await activityOf(incident.id)).filter(
      (r) => r.action === 'incident.events-added',
    );
    expect(added.map((r) => r.changes.events.new)).toEqual([
      '2 events from the search `event_id:4625` over 2026-06-01T00:00:00.000Z–2026-06-30T00:00:00.000Z',
      '1 event from the search `hostname:srv-fin-01`',
    ]);
  });

  it('refuses a closed incident: it keeps the evidence it was closed with', async () => {
    const [a, b] = await storeEvents(['2026-06-14T08:00:00Z', '2026-06-14T08:01:00Z']);
    const { incident } = await createIncidentFromEvents(db, analyst, {
      title: 'Closed with its evidence',
      eventIds: [a],
      search,
    });
    await changeIncidentState(db, analyst, incident.id, {
      version: incident.version,
      from: 'triage',
      to: 'closed',
      note: 'Benign: a password rotation',
    });
    const error = await rejection(addEventsToIncident(db, analyst, incident.id, { eventIds: [b] }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe(
      `INC-${incident.number} is closed; reopen it to add events to its evidence.`,
    );
    expect((await getIncidentEvents(db, incident.id)).map((e) => e.eventId)).toEqual([a]);
  });

  it('answers "no such incident" for an unknown number', async () => {
    const [a] = await storeEvents(['2026-06-14T09:00:00Z']);
    const error = await rejection(addEventsToIncident(db, analyst, 999_999, { eventIds: [a] }));
    expect((error as Error).message).toBe('There is no incident 999999.');
  });
});

describe('who may add evidence', () => {
  it('refuses a read-only user both ways, writing nothing', async () => {
    const [a] = await storeEvents(['2026-06-15T08:00:00Z']);
    const { incident } = await createIncidentFromEvents(db, analyst, {
      title: 'Seen by an examiner',
      eventIds: [a],
      search,
    });
    const [before] = await db.select({ n: count() }).from(incidentEvents);
    const examiner = await makeActor('read_only');
    expect(
      await rejection(
        createIncidentFromEvents(db, examiner, { title: 'Examiner opens', eventIds: [a], search }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(addEventsToIncident(db, examiner, incident.id, { eventIds: [a] })),
    ).toBeInstanceOf(ForbiddenError);
    const [after] = await db.select({ n: count() }).from(incidentEvents);
    expect(after.n).toBe(before.n);
    expect(await incidentsTitled('Examiner opens')).toEqual([]);
  });

  it('lets a power user and an administrator add', async () => {
    const [a, b] = await storeEvents(['2026-06-15T09:00:00Z', '2026-06-15T09:01:00Z']);
    const { incident } = await createIncidentFromEvents(db, await makeActor('power_user'), {
      title: 'Power user evidence',
      eventIds: [a],
      search,
    });
    const result = await addEventsToIncident(db, await makeActor('admin'), incident.id, {
      eventIds: [b],
    });
    expect(result.added).toBe(1);
  });
});

describe('evidence outlives the events', () => {
  beforeAll(async () => {
    // A day of its own, so dropping it touches no other test's events.
    await db.execute(sql`select events_ensure_partition('2026-05-02')`);
  });

  it('keeps the copies when retention drops the day the events were in', async () => {
    const ids = await storeEvents(['2026-05-02T07:00:00Z', '2026-05-02T23:59:59Z'], 'ws-0042');
    const { incident } = await createIncidentFromEvents(db, analyst, {
      title: 'Evidence from a day about to expire',
      eventIds: ids,
      search: {
        query: 'hostname:ws-0042',
        from: '2026-05-02T00:00:00Z',
        to: '2026-05-03T00:00:00Z',
      },
    });
    await db.execute(sql`drop table events_20260502`);
    expect(await getEventStore(db).getByIds(ids)).toEqual([]);

    const kept = await getIncidentEvents(db, incident.id);
    expect(kept.map((e) => [e.eventId, e.event.hostname, e.occurredAt.toISOString()])).toEqual([
      [ids[0], 'ws-0042', '2026-05-02T07:00:00.000Z'],
      [ids[1], 'ws-0042', '2026-05-02T23:59:59.000Z'],
    ]);
  });

  it('refuses to change or remove a copied event', async () => {
    const [a] = await storeEvents(['2026-06-16T08:00:00Z']);
    const { incident } = await createIncidentFromEvents(db, analyst, {
      title: 'Tamper-proof evidence',
      eventIds: [a],
      search,
    });
    const where = and(
      eq(incidentEvents.incidentId, incident.id),
      inArray(incidentEvents.eventId, [BigInt(a)]),
    );
    const update = await rejection(
      db.update(incidentEvents).set({ searchQuery: 'rewritten' }).where(where),
    );
    expect(String((update as Error).cause ?? update)).toContain(
      'incident_events is append-only: UPDATE is not allowed',
    );
    const remove = await rejection(db.delete(incidentEvents).where(where));
    expect(String((remove as Error).cause ?? remove)).toContain(
      'incident_events is append-only: DELETE is not allowed',
    );
    expect((await getIncidentEvents(db, incident.id))[0].search.query).toBe('event_id:4625');
  });
});
