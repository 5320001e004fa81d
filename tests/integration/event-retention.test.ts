import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, incidentEvents, organization } from '@/db/schema';
import { ALL_JOBS, FIXED_SCHEDULERS } from '@/jobs/all-jobs';
import { PRUNE_EVENT_PARTITIONS, pruneEventPartitionsJob } from '@/jobs/prune-event-partitions';
import type { JobContext } from '@/jobs/registry';
import { systemActor } from '@/lib/auth/actor';
import { ForbiddenError } from '@/lib/errors';
import { ingestEvents } from '@/lib/events/ingest';
import { pruneEventPartitions } from '@/lib/events/prune-event-partitions';
import { getEventStore } from '@/lib/events/store';
import type { NormalizedEvent, StoredEvent } from '@/lib/events/types';
import { copyEventsToIncident } from '@/lib/incidents/copy-events';
import { updateOrganization } from '@/lib/organization/update-organization';
import { actorOf, insertIncidents, insertUser } from '../support/incident-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

const DAY = 86_400_000;
let db: Db;
setUpTestDatabase(async (t) => {
  db = t.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'UTC' });
});

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const partitionOf = (at: Date) => `events_${utcDay(at).replaceAll('-', '')}`;

function event(occurredAt: Date, marker: string): NormalizedEvent {
  return {
    occurredAt,
    source: 'api',
    fields: { marker },
    app_name: 'sshd',
    hostname: 'bastion-1',
    event_id: null,
    category: null,
    message: `login ${marker}`,
    source_ip: '203.0.113.4',
    dest_ip: null,
    user: 'root',
  };
}

async function partitions(): Promise<string[]> {
  const rows = await db.execute<{ name: string }>(sql`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'events'::regclass order by 1`);
  return rows.map((r) => r.name);
}

async function storedEvent(marker: string): Promise<StoredEvent> {
  const [row] = await db.execute<{
    id: string;
    occurred_at: string;
    received_at: string;
    fields: Record<string, unknown>;
  }>(
    sql`select id::text, occurred_at::text, received_at::text, fields from events where fields ->> 'marker' = ${marker}`,
  );
  return {
    ...event(new Date(row.occurred_at), marker),
    id: row.id,
    receivedAt: new Date(row.received_at),
  };
}

const context = () => ({ db, log: () => {} }) as unknown as JobContext;

describe('event retention', () => {
  it('drops whole days past the retention, keeps the rest and incidents’ copies, and logs what went', async () => {
    const admin = await insertUser(db, 'admin');
    await updateOrganization(db, actorOf(admin), {
      name: 'First Prairie Bank',
      timeZone: 'UTC',
      onCallInstructions: '',
      onCallPhone: '',
      eventRetentionDays: 7,
    });
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const old = [ago(12), ago(9)];
    const kept = [ago(6), ago(1), now];
    await getEventStore(db).insert([
      ...old.map((at, i) => event(at, `old-${i}`)),
      ...kept.map((at, i) => event(at, `kept-${i}`)),
    ]);

    const [incident] = await insertIncidents(db, [{ title: 'Brute force on bastion-1' }]);
    const evidence = await storedEvent('old-0');
    await db.transaction((tx) =>
      copyEventsToIncident(tx, incident.id, [evidence], {
        search: { query: 'hostname:bastion-1', from: ago(13), to: now },
        addedById: admin.id,
      }),
    );

    const result = (await pruneEventPartitionsJob.handle({}, context(), undefined as never)) as {
      dropped: string[];
      keptFrom: string;
    };
    expect(result.dropped).toEqual(old.map(partitionOf));
    expect(result.keptFrom).toBe(utcDay(ago(7)));
    const left = await partitions();
    for (const at of old) expect(left).not.toContain(partitionOf(at));
    for (const at of kept) expect(left).toContain(partitionOf(at));
    const markers = await db.execute<{ marker: string }>(
      sql`select fields ->> 'marker' as marker from events order by occurred_at`,
    );
    expect(markers.map((m) => m.marker)).toEqual(['kept-0', 'kept-1', 'kept-2']);

    const [copied] = await db
      .select()
      .from(incidentEvents)
      .where(eq(incidentEvents.incidentId, incident.id));
    expect(copied.eventId).toBe(BigInt(evidence.id));
    expect(copied.event).toMatchObject({ message: 'login old-0', hostname: 'bastion-1' });

    const logged = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'events.partitions-dropped'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ entityType: 'organization', entityId: '1' });
    expect(logged[0].changes).toMatchObject({
      eventRetentionDays: { new: 7 },
      keptFrom: { new: utcDay(ago(7)) },
      droppedDays: { new: 2 },
      dropped: { new: old.map(partitionOf).join(', ') },
    });

    // A second run finds nothing to drop and logs nothing.
    expect((await pruneEventPartitions(db, systemActor('retention'))).dropped).toEqual([]);
    expect(await db.$count(activityLog, eq(activityLog.action, 'events.partitions-dropped'))).toBe(
      1,
    );

    // Ingest after the drop: an event of a day kept lands; one past the retention is refused.
    const ingested = await ingestEvents(
      db,
      systemActor('test'),
      [
        { '@timestamp': ago(2).toISOString(), marker: 'late' },
        { '@timestamp': ago(10).toISOString(), marker: 'too-old' },
      ],
      'api',
    );
    expect(ingested.accepted).toBe(1);
    expect(ingested.rejected).toEqual([
      { index: 1, reason: expect.stringMatching(/older than the 7 days events are kept/) },
    ]);
  });

  it('records a change of the retention in Settings → Organization, and refuses nonsense', async () => {
    const admin = await insertUser(db, 'admin');
    const input = {
      name: 'First Prairie Bank',
      timeZone: 'UTC',
      onCallInstructions: '',
      onCallPhone: '',
    };
    await updateOrganization(db, actorOf(admin), { ...input, eventRetentionDays: 30 });
    const [row] = await db
      .select()
      .from(activityLog)
      .where(
        and(eq(activityLog.action, 'organization.updated'), eq(activityLog.actorId, admin.id)),
      );
    expect(row.changes).toMatchObject({ eventRetentionDays: { old: 7, new: 30 } });
    // The form sends text; an absent value leaves the retention alone.
    await updateOrganization(db, actorOf(admin), { ...input, eventRetentionDays: '45' as never });
    await updateOrganization(db, actorOf(admin), { ...input, name: 'FPB' });
    const [org] = await db.select().from(organization);
    expect(org.eventRetentionDays).toBe(45);
    for (const bad of ['0', '3651', '1.5', 'abc', '']) {
      const error = (await rejection(
        updateOrganization(db, actorOf(admin), { ...input, eventRetentionDays: bad as never }),
      )) as { fieldErrors: Record<string, string> };
      expect(error.fieldErrors.eventRetentionDays).toBeTruthy();
    }
    const user = await insertUser(db, 'power_user');
    expect(await rejection(pruneEventPartitions(db, actorOf(user)))).toBeInstanceOf(ForbiddenError);
  });

  it('is one of the worker’s jobs, run hourly by a fixed scheduler', () => {
    expect(ALL_JOBS.map((j) => j.name)).toContain(PRUNE_EVENT_PARTITIONS);
    expect(FIXED_SCHEDULERS).toContainEqual({
      id: PRUNE_EVENT_PARTITIONS,
      every: 3600_000,
      name: PRUNE_EVENT_PARTITIONS,
    });
  });
});
