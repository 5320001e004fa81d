import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  incidentNotes,
  incidents,
  organization,
  outbox,
  webhookDeliveries,
  webhookEndpoints,
  type Role,
} from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { closeIncidents } from '@/lib/incidents/close-incidents';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';
import { actorOf, insertUser } from '../support/ticket-fixtures';

let db: Db;
const WEBHOOK = 'https://pager.example.com/hooks/vigil';

const test = setUpTestDatabase(async () => {
  db = test.db;
  await db.insert(organization).values({
    name: 'First Prairie Bank',
    timeZone: 'America/Chicago',
  });
  // On-call's pager, as the organization's incident webhook became (migration 0021).
  await createWebhookEndpoint(db, systemActor('test'), {
    url: WEBHOOK,
    eventTypes: ['incident.opened', 'incident.escalated'],
    minimumSeverity: 'medium',
    allowPrivateAddresses: true,
  });
  // Lets a test make the outbox (or webhook message) insert fail, to prove the change and its side effects share a transaction.
  await db.execute(sql`
    create function refuse_marked_outbox() returns trigger language plpgsql as $$
    begin
      if new.payload::text like '%REFUSE-OUTBOX%' then raise exception 'outbox refused for the test'; end if;
      return new;
    end $$;
    create trigger refuse_marked_outbox before insert on outbox for each row execute function refuse_marked_outbox();
    create trigger refuse_marked_webhook before insert on webhook_deliveries for each row execute function refuse_marked_outbox();
  `);
});

const makeUser = (role: Role, name?: string) =>
  insertUser(db, role, { name, timeZone: 'America/Chicago' });

async function activityOf(incidentId: string) {
  return db
    .select()
    .from(activityLog)
    .where(eq(activityLog.entityId, incidentId))
    .orderBy(activityLog.id);
}

async function tableCounts() {
  const [[i], [a], [o], [n]] = await Promise.all([
    db.select({ n: count() }).from(incidents),
    db.select({ n: count() }).from(activityLog),
    db.select({ n: count() }).from(outbox),
    db.select({ n: count() }).from(incidentNotes),
  ]);
  return { incidents: i.n, activity: a.n, outbox: o.n, notes: n.n };
}

async function outboxAbout(incidentId: string) {
  const rows = await db.select().from(outbox).orderBy(outbox.id);
  return rows.filter(
    (row) =>
      row.payload.entityId === incidentId || JSON.stringify(row.payload).includes(incidentId),
  );
}

/** The webhook messages on-call's pager was queued about an incident. */
async function pagesOf(number: number) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(sql`${webhookDeliveries.payload}->'data'->>'number' = ${`INC-${number}`}`);
}

async function open(
  actor: UserActor,
  input: Parameters<typeof createIncident>[2] = { title: 'Suspicious login' },
) {
  return (await createIncident(db, actor, input)).incident;
}

describe('permissions per role', () => {
  it('lets a read-only user create, change and move nothing, and writes nothing when refusing', async () => {
    const reader = actorOf(await makeUser('read_only'));
    const worker = actorOf(await makeUser('user'));
    const incident = await open(worker);
    const before = await tableCounts();

    expect(await rejection(createIncident(db, reader, { title: 'Nope' }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(
      await rejection(
        updateIncident(db, reader, incident.id, { version: incident.version, title: 'Nope' }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(
        changeIncidentState(db, reader, incident.id, {
          version: incident.version,
          from: 'triage',
          to: 'analysis',
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(closeIncidents(db, reader, { incidentIds: [incident.id], note: 'Nope' })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await tableCounts()).toEqual(before);
  });

  it.each(['user', 'power_user', 'admin'] as const)(
    'lets a %s create, update and move incidents',
    async (role) => {
      const actor = actorOf(await makeUser(role));
      const created = await open(actor, { title: `Opened by ${role}` });
      const updated = await updateIncident(db, actor, created.id, {
        version: created.version,
        title: `Renamed by ${role}`,
      });
      const moved = await changeIncidentState(db, actor, created.id, {
        version: updated.version,
        from: 'triage',
        to: 'analysis',
      });
      expect(moved).toMatchObject({
        title: `Renamed by ${role}`,
        state: 'analysis',
        version: created.version + 2,
      });
    },
  );

  it.each(['read_only', 'user', 'power_user'] as const)(
    'refuses bulk close to a %s',
    async (role) => {
      const actor = actorOf(await makeUser(role));
      const incident = await open(actorOf(await makeUser('user')));
      expect(
        await rejection(
          closeIncidents(db, actor, { incidentIds: [incident.id], note: 'False positive' }),
        ),
      ).toBeInstanceOf(ForbiddenError);
      const [row] = await db.select().from(incidents).where(eq(incidents.id, incident.id));
      expect(row.state).toBe('triage');
    },
  );

  it('lets an administrator bulk close, counting already closed and missing ids, each with its note, log row and notification', async () => {
    const admin = actorOf(await makeUser('admin'));
    const worker = actorOf(await makeUser('user'));
    const [a, b, c] = [await open(worker), await open(worker), await open(worker)];
    await changeIncidentState(db, worker, c.id, {
      version: c.version,
      from: 'triage',
      to: 'closed',
      note: 'Done earlier',
    });

    const progress: number[] = [];
    const result = await closeIncidents(
      db,
      admin,
      { incidentIds: [a.id, b.id, c.id, randomUUID()], note: 'Phishing wave, all false positives' },
      (p) => {
        progress.push(p.closed);
      },
    );
    expect(result).toEqual({ closed: 2, alreadyClosed: 1, missing: 1 });
    expect(progress).toEqual([2]);

    for (const incident of [a, b]) {
      const closedLog = (await activityOf(incident.id)).filter(
        (r) => r.action === 'incident.closed',
      );
      expect(closedLog).toHaveLength(1);
      expect(closedLog[0]).toMatchObject({
        actorId: admin.userId,
        changes: { state: { old: 'triage', new: 'closed' } },
      });
      const notes = await db
        .select()
        .from(incidentNotes)
        .where(eq(incidentNotes.incidentId, incident.id));
      expect(notes.map((n) => n.body)).toEqual([
        'Closing note: Phishing wave, all false positives',
      ]);
      expect((await outboxAbout(incident.id)).map((r) => `${r.kind}:${r.topic}`)).toContain(
        'notification:incident.closed',
      );
    }
    // The one closed before keeps its own note and gets no second close.
    const cLog = (await activityOf(c.id)).filter((r) => r.action === 'incident.closed');
    expect(cLog).toHaveLength(1);
    expect(cLog[0].actorId).toBe(worker.userId);
  });
});

describe('state changes', () => {
  it('logs each move; the first move out of Triage sets respondedAt, later moves keep it', async () => {
    const actor = actorOf(await makeUser('user'));
    const created = await open(actor);
    expect(created.respondedAt).toBeNull();

    const analysis = await changeIncidentState(db, actor, created.id, {
      version: created.version,
      from: 'triage',
      to: 'analysis',
    });
    expect(analysis.respondedAt).toBeInstanceOf(Date);
    const remediation = await changeIncidentState(db, actor, created.id, {
      version: analysis.version,
      from: 'analysis',
      to: 'remediation',
      note: 'Reimaging the host',
    });
    expect(remediation.respondedAt).toEqual(analysis.respondedAt);
    const resolved = await changeIncidentState(db, actor, created.id, {
      version: remediation.version,
      from: 'remediation',
      to: 'resolved',
    });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);

    const log = await activityOf(created.id);
    expect(log.map((r) => r.action)).toEqual([
      'incident.created',
      'incident.state-changed',
      'incident.state-changed',
      'incident.state-changed',
    ]);
    expect(log[1].changes).toMatchObject({
      state: { old: 'triage', new: 'analysis' },
      respondedAt: { old: null },
    });
    expect(log[2].changes).toEqual({
      state: { old: 'analysis', new: 'remediation' },
      note: { old: null, new: 'Reimaging the host' },
    });
    const topics = (await outboxAbout(created.id)).map((r) => `${r.kind}:${r.topic}`);
    expect(topics).toEqual([
      'notification:incident.opened',
      'notification:incident.updated',
      'notification:incident.updated',
      'notification:incident.updated',
    ]);
  });

  it('asks for a note to close, writing nothing without one', async () => {
    const actor = actorOf(await makeUser('user'));
    const created = await open(actor);
    const before = await tableCounts();
    const error = await rejection(
      changeIncidentState(db, actor, created.id, {
        version: created.version,
        from: 'triage',
        to: 'closed',
        note: '   ',
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toHaveProperty('note');
    expect(await tableCounts()).toEqual(before);
  });

  it('closes with the note kept on the incident, and logs a reopen as incident.reopened', async () => {
    const actor = actorOf(await makeUser('user'));
    const created = await open(actor);
    const closed = await changeIncidentState(db, actor, created.id, {
      version: created.version,
      from: 'triage',
      to: 'closed',
      note: 'Benign scanner',
    });
    expect(closed).toMatchObject({ state: 'closed', closingNote: 'Benign scanner' });
    expect(closed.closedAt).toBeInstanceOf(Date);

    const reopened = await changeIncidentState(db, actor, created.id, {
      version: closed.version,
      from: 'closed',
      to: 'analysis',
      note: 'It came back',
    });
    expect(reopened.state).toBe('analysis');
    expect(reopened.closedAt).toBeNull();

    const log = await activityOf(created.id);
    expect(log.map((r) => r.action)).toEqual([
      'incident.created',
      'incident.closed',
      'incident.reopened',
    ]);
    expect(log[1].changes).toMatchObject({
      state: { old: 'triage', new: 'closed' },
      note: { new: 'Benign scanner' },
    });
    expect(log[2].changes).toMatchObject({ state: { old: 'closed', new: 'analysis' } });
    const topics = (await outboxAbout(created.id))
      .filter((r) => r.kind === 'notification')
      .map((r) => r.topic);
    expect(topics).toEqual(['incident.opened', 'incident.closed', 'incident.updated']);
  });

  it('refuses to reopen an alert incident while a newer one is open for the same key (409, not a unique violation)', async () => {
    const actor = actorOf(await makeUser('user'));
    const first = await open(actor, {
      title: 'EDR: beaconing',
      source: 'alert',
      dedupeKey: 'edr-42',
    });
    await changeIncidentState(db, actor, first.id, {
      version: first.version,
      from: 'triage',
      to: 'closed',
      note: 'Contained',
    });
    const second = await open(actor, {
      title: 'EDR: beaconing',
      source: 'alert',
      dedupeKey: 'edr-42',
    });
    expect(second.id).not.toBe(first.id);

    const [current] = await db.select().from(incidents).where(eq(incidents.id, first.id));
    const error = await rejection(
      changeIncidentState(db, actor, first.id, {
        version: current.version,
        from: 'closed',
        to: 'analysis',
        note: 'Beaconing again',
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(`INC-${second.number}`);
  });
});

describe('updates', () => {
  it('recomputes the response target when the severity changes, and logs both', async () => {
    const actor = actorOf(await makeUser('user'));
    const created = await open(actor, { title: 'Odd DNS traffic', severity: 'low' });
    const updated = await updateIncident(db, actor, created.id, {
      version: created.version,
      severity: 'high',
    });
    expect(updated.responseDueAt.getTime()).toBe(created.createdAt.getTime() + 2 * 3_600_000);

    const [row] = (await activityOf(created.id)).filter((r) => r.action === 'incident.updated');
    expect(row.changes).toEqual({
      severity: { old: 'low', new: 'high' },
      responseDueAt: {
        old: created.responseDueAt.toISOString(),
        new: updated.responseDueAt.toISOString(),
      },
    });
    // Raised to High: on-call is paged through the outbox too.
    const paged = await pagesOf(created.number);
    expect(paged.map((r) => r.eventType)).toEqual(['incident.escalated']);
  });

  it('refuses a stale version, naming who changed it and when', async () => {
    const dana = actorOf(await makeUser('user', 'Dana Whitfield'));
    const sam = actorOf(await makeUser('user', 'Sam Ortiz'));
    const created = await open(dana);
    await updateIncident(db, dana, created.id, {
      version: created.version,
      title: 'Dana was here first',
    });
    const error = await rejection(
      updateIncident(db, sam, created.id, { version: created.version, title: 'Sam overwrites' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(
      /^This incident was changed by Dana Whitfield at \d\d:\d\d C[SD]T — reload to see it\.$/,
    );
    const [row] = await db.select().from(incidents).where(eq(incidents.id, created.id));
    expect(row.title).toBe('Dana was here first');
  });
});

describe('side effects in the same transaction', () => {
  it('writes the activity row and the "opened" notification with the incident, and pages on-call for Medium and High only', async () => {
    const actor = actorOf(await makeUser('user'));
    for (const severity of ['none', 'low', 'medium', 'high'] as const) {
      const incident = await open(actor, { title: `Severity ${severity}`, severity });
      const log = await activityOf(incident.id);
      expect(log.map((r) => r.action)).toEqual(['incident.created']);
      const notifications = (await outboxAbout(incident.id)).filter(
        (r) => r.kind === 'notification',
      );
      expect(notifications.map((r) => r.topic)).toEqual(['incident.opened']);
      const pages = await pagesOf(incident.number);
      expect(pages.length).toBe(severity === 'medium' || severity === 'high' ? 1 : 0);
      if (pages.length)
        expect(pages[0]).toMatchObject({
          eventType: 'incident.opened',
          payload: { data: { title: `Severity ${severity}` } },
        });
    }
  });

  it('queues no page when the organization has no webhook', async () => {
    await db.update(webhookEndpoints).set({ active: false });
    try {
      const incident = await open(actorOf(await makeUser('user')), {
        title: 'High, nobody to page',
        severity: 'high',
      });
      expect(await pagesOf(incident.number)).toHaveLength(0);
    } finally {
      await db.update(webhookEndpoints).set({ active: true });
    }
  });

  it('keeps nothing of the incident when its outbox row cannot be written', async () => {
    const actor = actorOf(await makeUser('user'));
    const before = await tableCounts();
    await rejection(open(actor, { title: 'REFUSE-OUTBOX', severity: 'high' }));
    expect(await tableCounts()).toEqual(before);
    expect(
      await db.select().from(incidents).where(eq(incidents.title, 'REFUSE-OUTBOX')),
    ).toHaveLength(0);
  });

  it('writes nothing when validation fails, in the body or against the database', async () => {
    const actor = actorOf(await makeUser('user'));
    const before = await tableCounts();
    const bad = await rejection(
      createIncident(db, actor, { title: ' ', severity: 'urgent' as never, owner: 'someone' }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual([
      'owner',
      'severity',
      'title',
    ]);
    // Passes the schema, fails inside the transaction: no such watcher.
    const ghost = await rejection(
      createIncident(db, actor, { title: 'With a ghost', watchers: [{ userId: randomUUID() }] }),
    );
    expect((ghost as ValidationError).fieldErrors).toHaveProperty('watchers');
    expect(await tableCounts()).toEqual(before);
  });
});

describe('alert dedupe', () => {
  it('counts repeats without bumping the version an analyst edits against, and logs each repeat', async () => {
    const analyst = actorOf(await makeUser('user', 'Ines Analyst'));
    const siem = actorOf(await makeUser('user', 'SIEM connector'));
    const alert = {
      title: 'SIEM: impossible travel for mlee',
      source: 'alert' as const,
      dedupeKey: `siem-${randomUUID()}`,
    };
    const { incident: opened } = await createIncident(db, siem, alert);
    const editing = opened.version; // the analyst opens the edit form

    for (let i = 1; i <= 3; i++) {
      const repeat = await createIncident(db, siem, { ...alert, description: `Repeat ${i}` });
      expect(repeat.incident).toMatchObject({ id: opened.id, dedupeCount: i, version: editing });
    }
    const saved = await updateIncident(db, analyst, opened.id, {
      version: editing,
      severity: 'medium',
      title: 'Impossible travel for mlee (VPN)',
    });
    expect(saved).toMatchObject({
      dedupeCount: 3,
      severity: 'medium',
      version: editing + 1,
      updatedById: analyst.userId,
    });

    const repeats = (await activityOf(opened.id)).filter(
      (r) => r.action === 'incident.alert-repeated',
    );
    expect(repeats.map((r) => r.changes.dedupeCount)).toEqual([
      { old: 0, new: 1 },
      { old: 1, new: 2 },
      { old: 2, new: 3 },
    ]);
    expect(repeats.every((r) => r.actorId === siem.userId)).toBe(true);
    const notes = await db
      .select()
      .from(incidentNotes)
      .where(eq(incidentNotes.incidentId, opened.id))
      .orderBy(incidentNotes.createdAt);
    expect(notes.map((n) => n.body.split('\n')[0])).toEqual(
      [2, 3, 4].map((n) => `Repeated alert (${n} in all): ${alert.title}`),
    );
  });

  it('still refuses a stale save after a real edit, naming the editor and not the alert sender', async () => {
    const dana = actorOf(await makeUser('user', 'Dana Repeat'));
    const sam = actorOf(await makeUser('user', 'Sam Repeat'));
    const siem = actorOf(await makeUser('user', 'SIEM sender'));
    const alert = {
      title: 'EDR: credential dumping',
      source: 'alert' as const,
      dedupeKey: `edr-${randomUUID()}`,
    };
    const { incident } = await createIncident(db, siem, alert);
    await updateIncident(db, sam, incident.id, { version: incident.version, severity: 'high' });
    await createIncident(db, siem, alert);
    const error = await rejection(
      updateIncident(db, dana, incident.id, { version: incident.version, title: 'Stale' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain('Sam Repeat');
  });

  it('turns a repeat of an open alert into a note and a count, and opens a new incident once it is closed', async () => {
    const actor = actorOf(await makeUser('user'));
    const alert = {
      title: 'SIEM: 40 failed logins for jdoe',
      source: 'alert' as const,
      dedupeKey: `siem-${randomUUID()}`,
    };
    const first = await createIncident(db, actor, alert);
    const repeat = await createIncident(db, actor, { ...alert, description: 'Again at 14:07' });
    expect(first.deduplicated).toBe(false);
    expect(repeat).toMatchObject({
      deduplicated: true,
      incident: { id: first.incident.id, dedupeCount: 1 },
    });
    const notes = await db
      .select()
      .from(incidentNotes)
      .where(eq(incidentNotes.incidentId, first.incident.id));
    expect(notes.map((n) => n.body)).toEqual([
      `Repeated alert (2 in all): ${alert.title}\n\nAgain at 14:07`,
    ]);
    expect((await activityOf(first.incident.id)).map((r) => r.action)).toEqual([
      'incident.created',
      'incident.alert-repeated',
    ]);

    await changeIncidentState(db, actor, first.incident.id, {
      version: first.incident.version,
      from: 'triage',
      to: 'closed',
      note: 'Password reset',
    });
    const after = await createIncident(db, actor, alert);
    expect(after.deduplicated).toBe(false);
    expect(after.incident.id).not.toBe(first.incident.id);
  });
});
