import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  digestItems,
  incidents,
  notificationFanout,
  notificationMutes,
  notificationPreferences,
  outbox,
  users,
  type OutboxRow,
} from '@/db/schema';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { fanOutNotification } from '@/lib/notifications/deliver-notification';
import type { NotificationEvent } from '@/lib/notifications/queue-notification';
import { queueResponseTargetReminders } from '@/lib/notifications/response-target-reminders';
import { signUnsubscribeToken } from '@/lib/notifications/unsubscribe-token';
import { setUpTestDatabase } from '../support/test-database-hooks';
import {
  actorOf,
  fanOut as fanOutAs,
  muteAndDeactivate,
  personMaker,
  recipientCast,
} from '../support/recipient-fixtures';

const SECRET = 'unsubscribe-test-secret-'.padEnd(40, 'x');
const CONTEXT = { publicUrl: 'https://vigil.test' };

let db: Db;

const test = setUpTestDatabase(async () => {
  db = test.db;
  // The unsubscribe route reads these, as in the web process.
  process.env.DATABASE_URL = test.url;
  process.env.AUTH_SECRET = SECRET;
});

const { person, count: peopleMade } = personMaker(() => db);

const fanOut = (payload: Record<string, unknown>) => fanOutAs(db, 'incident', payload);

async function emailsFrom(
  source: OutboxRow,
): Promise<Map<string, { template: string; props: Record<string, unknown> }>> {
  const fanned = await db
    .select()
    .from(notificationFanout)
    .where(eq(notificationFanout.sourceOutboxId, source.id));
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, 'email'), sql`${outbox.id} > ${source.id}`));
  const mine = new Set(fanned.map((f) => f.userId));
  const out = new Map<string, { template: string; props: Record<string, unknown> }>();
  for (const r of rows) {
    const p = r.payload as {
      to: string;
      template: string;
      props: Record<string, unknown>;
      mute?: { userId: string };
    };
    if (p.mute && mine.has(p.mute.userId)) out.set(p.to, { template: p.template, props: p.props });
  }
  return out;
}

describe('who gets which notification', () => {
  const EVENTS: NotificationEvent[] = [
    'opened',
    'updated',
    'closed',
    'response-at-risk',
    'response-breached',
  ];
  // Per event: does a watcher with "only when opened and closed" hear of it?
  const OPENED_CLOSED_HEARS: Record<string, boolean> = {
    opened: true,
    updated: false,
    closed: true,
    'response-at-risk': false,
    'response-breached': false,
  };
  const TEMPLATE: Record<string, string> = {
    opened: 'incident-opened',
    updated: 'incident-updated',
    closed: 'incident-closed',
    'response-at-risk': 'response-at-risk',
    'response-breached': 'response-breached',
  };

  let actor: typeof users.$inferSelect;
  let owner: typeof users.$inferSelect;
  let member1: typeof users.$inferSelect;
  let member2: typeof users.$inferSelect;
  let watcherAll: typeof users.$inferSelect;
  let watcherOpenedClosed: typeof users.$inferSelect;
  let mutedWatcher: typeof users.$inferSelect;
  let inactiveWatcher: typeof users.$inferSelect;
  let personIncident: string;
  let teamIncident: string;

  beforeAll(async () => {
    const cast = await recipientCast(db, person, () => `TRAC-${peopleMade()}`);
    ({
      actor,
      owner,
      member1,
      member2,
      watcherAll,
      watcherOpenedClosed,
      mutedWatcher,
      inactiveWatcher,
    } = cast);
    const { watchers } = cast;
    const team = { id: cast.teamId };
    personIncident = (
      await createIncident(db, actorOf(actor), {
        title: 'Owned by a person',
        owner: `user:${owner.id}`,
        watchers,
      })
    ).incident.id;
    teamIncident = (
      await createIncident(db, actorOf(actor), {
        title: 'Owned by a team',
        owner: `team:${team.id}`,
        watchers,
      })
    ).incident.id;
    await muteAndDeactivate(db, cast, 'incident', [personIncident, teamIncident]);
  });

  for (const event of EVENTS) {
    for (const ownedBy of ['person', 'team'] as const) {
      it(`${event}, incident owned by a ${ownedBy}`, async () => {
        // Reminders are the system's doing: no actor to leave out.
        const byActor = !event.startsWith('response-');
        const { row, result } = await fanOut({
          entityType: 'incident',
          entityId: ownedBy === 'person' ? personIncident : teamIncident,
          event,
          actorId: byActor ? actor.id : null,
          actorLabel: byActor ? actor.name : 'Vigil (reminders)',
          changes: event === 'updated' ? { severity: { old: 'low', new: 'high' } } : {},
          ...(event === 'closed' ? { note: 'Blocked the sender domain.' } : {}),
        });
        const emails = await emailsFrom(row);

        const expected = new Set<string>([watcherAll.email]);
        if (ownedBy === 'person') expected.add(owner.email);
        else [member1.email, member2.email].forEach((e) => expected.add(e));
        if (OPENED_CLOSED_HEARS[event]) expected.add(watcherOpenedClosed.email);
        if (!byActor) expected.add(actor.email);
        expect(new Set(emails.keys())).toEqual(expected);
        expect(emails.has(mutedWatcher.email)).toBe(false);
        expect(emails.has(inactiveWatcher.email)).toBe(false);
        for (const { template, props } of emails.values()) {
          expect(template).toBe(TEMPLATE[event]);
          expect(String(props.reason)).toMatch(/^You are getting this because/);
          expect((props.item as { url: string }).url).toMatch(
            /^https:\/\/vigil\.test\/incidents\/\d+$/,
          );
        }
        if (ownedBy === 'team')
          expect(String(emails.get(member1.email)!.props.reason)).toContain('a team you belong to');
        if (event === 'updated')
          expect(emails.get(watcherAll.email)!.props.changes).toEqual([
            { label: 'Severity', old: 'Low', new: 'High' },
          ]);
        if (event === 'closed')
          expect(emails.get(watcherAll.email)!.props.note).toBe('Blocked the sender domain.');
        expect(result.emails).toBe(expected.size);

        // Redelivery of the same notification row (the worker died before marking it sent).
        const again = await fanOutNotification(db, row, CONTEXT);
        expect(again).toEqual({ emails: 0, digestItems: 0, alreadyDone: expected.size });
        expect((await emailsFrom(row)).size).toBe(expected.size);
      });
    }
  }

  it('sends the actor their own change when they asked for it', async () => {
    await db.insert(notificationPreferences).values({ userId: actor.id, includeOwnChanges: true });
    const { row } = await fanOut({
      entityType: 'incident',
      entityId: personIncident,
      event: 'updated',
      actorId: actor.id,
      actorLabel: actor.name,
      changes: {},
    });
    expect((await emailsFrom(row)).has(actor.email)).toBe(true);
    await db.delete(notificationPreferences).where(eq(notificationPreferences.userId, actor.id));
  });

  it('queues digest items instead of emails for digest users, but response warnings go at once', async () => {
    await db
      .insert(notificationPreferences)
      .values({ userId: watcherAll.id, delivery: 'digest', digestHour: 8 });
    const updated = await fanOut({
      entityType: 'incident',
      entityId: personIncident,
      event: 'updated',
      actorId: actor.id,
      actorLabel: actor.name,
      changes: { state: { old: 'triage', new: 'analysis' } },
    });
    expect((await emailsFrom(updated.row)).has(watcherAll.email)).toBe(false);
    expect(updated.result.digestItems).toBe(1);
    const [item] = await db.select().from(digestItems).where(eq(digestItems.userId, watcherAll.id));
    expect(item.item).toMatchObject({
      line: 'Actor changed State: Triage → Analysis',
      reference: expect.stringMatching(/^INC-\d+$/),
    });

    const atRisk = await fanOut({
      entityType: 'incident',
      entityId: personIncident,
      event: 'response-at-risk',
      actorId: null,
      actorLabel: 'Vigil',
      changes: {},
    });
    expect((await emailsFrom(atRisk.row)).has(watcherAll.email)).toBe(true);
    await db
      .delete(notificationPreferences)
      .where(eq(notificationPreferences.userId, watcherAll.id));
  });

  it('is fed by the incident domain functions in the transaction of the change', async () => {
    const before = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.kind, 'notification'));
    const incident = (await db.select().from(incidents).where(eq(incidents.id, personIncident)))[0];
    const updated = await updateIncident(db, actorOf(actor), personIncident, {
      version: incident.version,
      severity: 'high',
    });
    await changeIncidentState(db, actorOf(actor), personIncident, {
      version: updated.version,
      from: updated.state,
      to: 'closed',
      note: 'Done.',
    });
    const after = await db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'notification'))
      .orderBy(outbox.id);
    const fresh = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(fresh.map((r) => r.topic)).toEqual(['incident.updated', 'incident.closed']);
  });
});

describe('response-target reminders', () => {
  it('warns at 75% and at the breach, once each, however often the job runs', async () => {
    const creator = await person('Creator');
    const watcher = await person('Watcher');
    const { incident } = await createIncident(db, actorOf(creator), {
      title: 'Unanswered',
      watchers: [{ userId: watcher.id, frequency: 'all' }],
    });
    const created = new Date('2030-01-01T00:00:00Z');
    const due = new Date('2030-01-01T04:00:00Z');
    await db
      .update(incidents)
      .set({ createdAt: created, responseDueAt: due })
      .where(eq(incidents.id, incident.id));
    const mine = sql`${outbox.kind} = 'notification' and ${outbox.payload}->>'entityId' = ${incident.id}`;
    const topics = async () =>
      (await db.select().from(outbox).where(mine).orderBy(outbox.id))
        .map((r) => r.topic)
        .filter((t) => t.startsWith('incident.response'));

    await queueResponseTargetReminders(db, new Date('2030-01-01T02:59:00Z'));
    expect(await topics()).toEqual([]);
    await queueResponseTargetReminders(db, new Date('2030-01-01T03:00:00Z'));
    await queueResponseTargetReminders(db, new Date('2030-01-01T03:30:00Z'));
    expect(await topics()).toEqual(['incident.response-at-risk']);
    await queueResponseTargetReminders(db, new Date('2030-01-01T04:00:00Z'));
    await queueResponseTargetReminders(db, new Date('2030-01-01T09:00:00Z'));
    expect(await topics()).toEqual(['incident.response-at-risk', 'incident.response-breached']);
  });

  // A High incident opened at 00:00 has its target at 02:00; lowered to Medium, at 12:00.
  async function highIncidentOpenedAt(created: Date) {
    const creator = await person('Severity changer');
    const { incident } = await createIncident(db, actorOf(creator), {
      title: 'Beaconing to a new domain',
      severity: 'high',
    });
    const [row] = await db
      .update(incidents)
      .set({ createdAt: created, responseDueAt: new Date(created.getTime() + 2 * 3_600_000) })
      .where(eq(incidents.id, incident.id))
      .returning();
    const mine = sql`${outbox.kind} = 'notification' and ${outbox.payload}->>'entityId' = ${incident.id}`;
    const topics = async () =>
      (await db.select().from(outbox).where(mine).orderBy(outbox.id))
        .map((r) => r.topic)
        .filter((t) => t.startsWith('incident.response'));
    return { incident: row, creator, topics };
  }
  const at = (time: string) => new Date(`2030-02-01T${time}:00Z`);

  it('re-arms both warnings for the new target after a severity change moves it, once each', async () => {
    const { incident, creator, topics } = await highIncidentOpenedAt(at('00:00'));
    await queueResponseTargetReminders(db, at('01:40'));
    expect(await topics()).toEqual(['incident.response-at-risk']);

    const lowered = await updateIncident(db, actorOf(creator), incident.id, {
      version: incident.version,
      severity: 'medium',
    });
    expect(lowered.responseDueAt).toEqual(at('12:00'));
    await queueResponseTargetReminders(db, at('08:59'));
    expect(await topics()).toEqual(['incident.response-at-risk']);
    await queueResponseTargetReminders(db, at('09:00')); // 75 % of the new 12 hours
    await queueResponseTargetReminders(db, at('09:30'));
    expect(await topics()).toEqual(['incident.response-at-risk', 'incident.response-at-risk']);
    await queueResponseTargetReminders(db, at('12:00'));
    await queueResponseTargetReminders(db, at('13:00'));
    expect(await topics()).toEqual([
      'incident.response-at-risk',
      'incident.response-at-risk',
      'incident.response-breached',
    ]);
  });

  it('warns again for a later target after the earlier one was breached, and not twice for a target already warned of', async () => {
    const { incident, creator, topics } = await highIncidentOpenedAt(at('00:00'));
    await queueResponseTargetReminders(db, at('01:40'));
    await queueResponseTargetReminders(db, at('02:30'));
    expect(await topics()).toEqual(['incident.response-at-risk', 'incident.response-breached']);

    const medium = await updateIncident(db, actorOf(creator), incident.id, {
      version: incident.version,
      severity: 'medium',
    });
    await queueResponseTargetReminders(db, at('09:10'));
    expect(await topics()).toEqual([
      'incident.response-at-risk',
      'incident.response-breached',
      'incident.response-at-risk',
    ]);
    // Back to High: its 02:00 target was warned of and breached already; nothing new is owed.
    await updateIncident(db, actorOf(creator), incident.id, {
      version: medium.version,
      severity: 'high',
    });
    await queueResponseTargetReminders(db, at('09:20'));
    expect(await topics()).toEqual([
      'incident.response-at-risk',
      'incident.response-breached',
      'incident.response-at-risk',
    ]);
  });
});

describe('unsubscribe link', () => {
  it('mutes with a genuine link, logs it, and refuses a tampered one', async () => {
    const { GET, POST } = await import('@/app/unsubscribe/route');
    const reader = await person('Reader');
    const [incident] = await db.select({ id: incidents.id }).from(incidents).limit(1);
    const token = signUnsubscribeToken(SECRET, {
      userId: reader.id,
      entityType: 'incident',
      entityId: incident.id,
    });
    const url = (t: string) => `https://vigil.test/unsubscribe?token=${encodeURIComponent(t)}`;

    // GET only asks: link scanners must not mute anyone.
    const confirm = await GET(new Request(url(token)));
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Stop notifications');
    expect(
      await db.select().from(notificationMutes).where(eq(notificationMutes.userId, reader.id)),
    ).toEqual([]);

    const other = await person('Other');
    const [body] = token.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ u: other.id, t: 'incident', e: incident.id }),
    ).toString('base64url');
    for (const bad of [
      `${forgedBody}.${token.split('.')[1]}`,
      `${body}.AAAA`,
      body,
      `${token}x`,
      signUnsubscribeToken('another-secret'.padEnd(40, 'y'), {
        userId: reader.id,
        entityType: 'incident',
        entityId: incident.id,
      }),
    ]) {
      const refused = await POST(
        new Request(url(bad), { method: 'POST', body: 'List-Unsubscribe=One-Click' }),
      );
      expect(refused.status).toBe(400);
      expect((await GET(new Request(url(bad)))).status).toBe(400);
    }
    expect(
      await db
        .select()
        .from(notificationMutes)
        .where(inArray(notificationMutes.userId, [reader.id, other.id])),
    ).toEqual([]);

    // RFC 8058 one-click: a POST to the header's URL.
    const done = await POST(
      new Request(url(token), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(done.status).toBe(200);
    expect(
      await db.select().from(notificationMutes).where(eq(notificationMutes.userId, reader.id)),
    ).toHaveLength(1);
    const logged = await db
      .select()
      .from(activityLog)
      .where(
        and(eq(activityLog.actorId, reader.id), eq(activityLog.action, 'notifications.muted')),
      );
    expect(logged).toHaveLength(1);
    expect((await POST(new Request(url(token), { method: 'POST' }))).status).toBe(200);
  });
});
