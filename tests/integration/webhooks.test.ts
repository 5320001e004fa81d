import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  noticeRules,
  organization,
  outbox,
  tasks,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  type User,
} from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { markIncidentNotifiable } from '@/lib/notice-clocks/incident-clocks';
import { setNoticeRuleEnabled } from '@/lib/notice-clocks/rules';
import { queueNoticeClockWarnings } from '@/lib/notice-clocks/warnings';
import { queueAdministratorNotice } from '@/lib/notifications/administrator-notice';
import { queueResponseTargetReminders } from '@/lib/notifications/response-target-reminders';
import { queueTaskReminders } from '@/lib/notifications/task-reminders';
import { createWebhookDeliverer } from '@/lib/outbox/deliver-webhook';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { changeTaskState } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';
import { BlockedAddressError } from '@/lib/webhooks/address-guard';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import type { WebhookEndpointInput } from '@/lib/webhooks/endpoint-input';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@/lib/webhooks/event-types';
import { getWebhookDeliveries, getWebhookEndpoints } from '@/lib/webhooks/get-webhook-endpoints';
import { postWebhook } from '@/lib/webhooks/send-request';
import { sendTestWebhook } from '@/lib/webhooks/send-test-webhook';
import { setWebhookEndpointState } from '@/lib/webhooks/set-webhook-endpoint-state';
import { updateWebhookEndpoint } from '@/lib/webhooks/update-webhook-endpoint';
import { isoToLocalInput } from '@/lib/time/local-input';
import { createScheduleAt } from '../support/schedule-fixtures';
import { actorOf, insertIncidents, insertUser } from '../support/incident-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const PUBLIC_URL = 'https://vigil.example.com';
let db: Db;
let receiver: WebhookReceiver;
let admin: User;
let adminActor: UserActor;
let analyst: UserActor;

const test = setUpTestDatabase(async () => {
  db = test.db;
  await db.insert(organization).values({ name: 'Webhook Savings Bank', timeZone: 'UTC' });
  admin = await insertUser(db, 'admin', { name: 'Avery Admin' });
  adminActor = actorOf(admin);
  analyst = actorOf(await insertUser(db, 'user', { name: 'Dana Analyst' }));
});

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver?.close());

// Each test starts with no live endpoint and an empty queue, so it sees only its own messages.
beforeEach(async () => {
  await db.update(webhookEndpoints).set({ deletedAt: sql`now()`, active: false });
  await db.delete(outbox);
  receiver.received.length = 0;
});

function endpoint(input: Partial<WebhookEndpointInput> & { path?: string }) {
  const { path = '/hook', ...rest } = input;
  return createWebhookEndpoint(db, adminActor, {
    url: `${receiver.url}${path}`,
    eventTypes: ['incident.opened'],
    // The receiver listens on loopback, which only this flag lets an endpoint reach.
    allowPrivateAddresses: true,
    ...rest,
  });
}

/** Delivers every queued webhook (other kinds wait: no deliverer for them here). */
function deliverWebhooks() {
  return drainOutbox(
    db,
    { webhook: createWebhookDeliverer(db, { publicUrl: PUBLIC_URL, timeoutMs: 5_000 }) },
    { skipKinds: () => ['notification', 'email', 'job'] },
  );
}

/** As if the retry's backoff were over. */
async function makeRetriesDue() {
  await db
    .update(outbox)
    .set({ availableAt: sql`now()` })
    .where(and(eq(outbox.kind, 'webhook'), eq(outbox.status, 'pending')));
}

async function deliveriesOf(endpointId: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(webhookDeliveries.id);
}

const openIncident = (title: string, severity: 'none' | 'low' | 'medium' | 'high' = 'high') =>
  createIncident(db, analyst, { title, severity }).then((r) => r.incident);

describe('signed delivery', () => {
  it('signs each message per Standard Webhooks, verifiable with the endpoint secret', async () => {
    const hook = await endpoint({ path: '/signed' });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const incident = await openIncident('Signed: suspicious login');
    expect(await deliverWebhooks()).toMatchObject({ delivered: 1 });

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const verified = new Webhook(hook.secret).verify(request.body, request.headers) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(verified.type).toBe('incident.opened');
    expect(verified.data).toMatchObject({
      id: incident.id,
      number: `INC-${incident.number}`,
      title: 'Signed: suspicious login',
      severity: 'high',
      state: 'triage',
      url: `${PUBLIC_URL}/incidents/${incident.number}`,
    });
    // Another secret does not verify it, nor does a changed body.
    const other = await endpoint({ path: '/other' });
    expect(() => new Webhook(other.secret).verify(request.body, request.headers)).toThrow();
    expect(() =>
      new Webhook(hook.secret).verify(request.body.replace('Signed', 'Forged'), request.headers),
    ).toThrow();

    const [delivery] = await deliveriesOf(hook.id);
    expect(request.headers['webhook-id']).toBe(delivery.messageId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(delivery.responseExcerpt).toBe('ok');
  });

  it('retries a 500 with the same webhook-id, records each attempt, then delivers', async () => {
    const hook = await endpoint({ path: '/flaky' });
    receiver.answerNext({ status: 500, body: 'database on fire' });
    await openIncident('Retried: malware on a teller PC');

    expect(await deliverWebhooks()).toMatchObject({ delivered: 0, retried: 1 });
    let [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      responseExcerpt: 'database on fire',
      lastError: 'the endpoint answered 500',
    });
    // The backoff holds it until it is due.
    expect(await deliverWebhooks()).toMatchObject({ delivered: 0, retried: 0 });
    await makeRetriesDue();
    expect(await deliverWebhooks()).toMatchObject({ delivered: 1 });

    [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    const attempts = await db
      .select()
      .from(webhookDeliveryAttempts)
      .where(eq(webhookDeliveryAttempts.deliveryId, delivery.id))
      .orderBy(webhookDeliveryAttempts.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(receiver.received).toHaveLength(2);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(
      new Set([delivery.messageId]),
    );
    for (const request of receiver.received)
      expect(() => new Webhook(hook.secret).verify(request.body, request.headers)).not.toThrow();
    // What the endpoint's page shows.
    const page = await getWebhookDeliveries(db, { endpointId: hook.id });
    expect(page.rows[0].attemptRows.map((a) => a.statusCode)).toEqual([500, 200]);
  });

  it('follows no redirect: a 302 is a failed attempt and the target is never called', async () => {
    const hook = await endpoint({ path: '/moved' });
    receiver.answerNext({ status: 302, headers: { Location: `${receiver.url}/elsewhere` } });
    await openIncident('Redirected: phishing report');
    expect(await deliverWebhooks()).toMatchObject({ retried: 1 });
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved']);
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 302 });
  });
});

describe('private addresses', () => {
  it.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:9/hook',
    'http://10.20.30.40/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.1.1/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[fd12:3456::1]/hook',
    'http://[fe80::1]/hook',
    'http://224.0.0.1/hook',
  ])('refuses %s when saving without the administrator’s permission', async (url) => {
    const before = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints);
    const error = await rejection(
      createWebhookEndpoint(db, adminActor, { url, eventTypes: ['incident.opened'] }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.url).toMatch(/internal address/);
    expect(await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints)).toHaveLength(
      before.length,
    );
  });

  it('refuses at delivery time too, without calling the receiver', async () => {
    const hook = await endpoint({ path: '/turned-private' });
    // As if the flag had been withdrawn, or the name now resolved inward.
    await db
      .update(webhookEndpoints)
      .set({ allowPrivateAddresses: false })
      .where(eq(webhookEndpoints.id, hook.id));
    await openIncident('Refused: internal address');
    expect(await deliverWebhooks()).toMatchObject({ delivered: 0, retried: 1 });
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery.lastError).toMatch(/127\.0\.0\.1, a private, loopback or otherwise internal/);
    expect(delivery.lastStatusCode).toBeNull();
  });

  it('checks the address actually connected to, not only the one checked before', async () => {
    const url = new URL(receiver.url.replace('127.0.0.1', 'localhost'));
    const error = await rejection(
      postWebhook(url, {}, '{}', { allowPrivateAddresses: false, timeoutMs: 2_000 }),
    );
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(receiver.received).toHaveLength(0);
  });

  it('is allowed only by an administrator, with an activity row of its own', async () => {
    const powerUser = actorOf(await insertUser(db, 'power_user'));
    expect(
      await rejection(
        createWebhookEndpoint(db, powerUser, {
          url: `${receiver.url}/x`,
          eventTypes: ['incident.opened'],
          allowPrivateAddresses: true,
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    const hook = await endpoint({ path: '/allowed' });
    const rows = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityType, 'webhook'), eq(activityLog.entityId, hook.id)));
    expect(rows.map((r) => r.action).sort()).toEqual([
      'webhook.created',
      'webhook.private-addresses-allowed',
    ]);
    expect(rows.every((r) => r.actorId === admin.id)).toBe(true);
  });
});

describe('events', () => {
  it('sends each event type to the endpoint subscribed to it and to no other', async () => {
    const hooks = new Map<WebhookEventType, string>();
    for (const type of WEBHOOK_EVENT_TYPES)
      hooks.set(type, (await endpoint({ path: `/only/${type}`, eventTypes: [type] })).id);

    // incident opened, state changed, escalated, closed
    const incident = await openIncident('Events: card skimmer found', 'low');
    const escalated = await updateIncident(db, analyst, incident.id, {
      version: incident.version,
      severity: 'high',
    });
    const analysed = await changeIncidentState(db, analyst, incident.id, {
      version: escalated.version,
      from: 'triage',
      to: 'analysis',
    });
    await changeIncidentState(db, analyst, incident.id, {
      version: analysed.version,
      from: 'analysis',
      to: 'closed',
      note: 'Skimmer removed.',
    });
    // breached: nobody responded in time
    await insertIncidents(db, [
      { title: 'Events: unanswered alert', responseDueAt: new Date(Date.now() - 60_000) },
    ]);
    await queueResponseTargetReminders(db);
    // task opened, overdue, closed
    const { task } = await createTask(db, analyst, { title: 'Events: review firewall rules' });
    const noon = new Date();
    noon.setUTCHours(12, 0, 0, 0);
    await db
      .update(tasks)
      .set({ ownerUserId: analyst.userId, dueAt: new Date(noon.getTime() - 2 * 86_400_000) })
      .where(eq(tasks.id, task.id));
    await queueTaskReminders(db, noon);
    const [current] = await db.select().from(tasks).where(eq(tasks.id, task.id));
    await changeTaskState(db, analyst, task.id, {
      version: current.version,
      from: 'open',
      transition: 'close',
      findings: 'Rules reviewed.',
    });
    // schedule missed
    const scheduleId = await createScheduleAt(db, new Date('2026-01-01T00:00:00Z'), {
      name: 'Events: quarterly access review',
    });
    await db.transaction((tx) =>
      queueAdministratorNotice(tx, {
        kind: 'periods-missed',
        scheduleId,
        periods: [{ periodKey: 'month:2026-02', occurrenceAt: new Date('2026-02-01T08:00:00Z') }],
        reason: 'the worker was down',
      }),
    );
    // notice clock warning
    const [rule] = await db
      .select()
      .from(noticeRules)
      .where(eq(noticeRules.builtinKey, 'ncua-748-72h'));
    await setNoticeRuleEnabled(db, adminActor, {
      ruleId: rule.id,
      enabled: true,
      version: rule.version,
    });
    const [enabled] = await db.select().from(noticeRules).where(eq(noticeRules.id, rule.id));
    const notifiable = await openIncident('Events: member data exposed', 'medium');
    const clock = await markIncidentNotifiable(db, analyst, notifiable.id, {
      ruleId: enabled.id,
      ruleVersion: enabled.version,
      basis: 'Member records were exposed.',
      clockStartedAt: isoToLocalInput(new Date(Date.now() - 3_600_000), 'UTC'),
    });
    await queueNoticeClockWarnings(db, new Date(clock.clockStartedAt.getTime() + 37 * 3_600_000));

    await deliverWebhooks();
    for (const [type, endpointId] of hooks) {
      const sent = await deliveriesOf(endpointId);
      expect(sent.length, `${type} reached its endpoint`).toBeGreaterThan(0);
      expect(new Set(sent.map((d) => d.eventType)), `${type}'s endpoint got only ${type}`).toEqual(
        new Set([type]),
      );
      expect(sent.every((d) => d.status === 'delivered')).toBe(true);
      const requests = receiver.received.filter((r) => r.path === `/only/${type}`);
      expect(requests.length).toBe(sent.length);
      expect(new Set(requests.map((r) => r.json.type))).toEqual(new Set([type]));
    }
    const types = receiver.received.map((r) => r.json.type);
    expect(types).not.toContain('webhook.test');
  });

  it('sends an endpoint with a minimum severity only incidents at or above it', async () => {
    const hook = await endpoint({ path: '/urgent', minimumSeverity: 'medium' });
    await openIncident('Severity: low one', 'low');
    await openIncident('Severity: medium one', 'medium');
    await openIncident('Severity: high one', 'high');
    await deliverWebhooks();
    const sent = await deliveriesOf(hook.id);
    expect(sent.map((d) => (d.payload as { data: { title: string } }).data.title).sort()).toEqual([
      'Severity: high one',
      'Severity: medium one',
    ]);
  });

  it('queues with the change: an event whose change rolls back sends nothing', async () => {
    const hook = await endpoint({ path: '/rolled-back' });
    await rejection(
      db.transaction(async (tx) => {
        await createIncident(tx, analyst, { title: 'Rolled back', severity: 'high' });
        throw new Error('the rest of the change failed');
      }),
    );
    expect(await deliveriesOf(hook.id)).toHaveLength(0);
    expect(await db.select().from(outbox).where(eq(outbox.kind, 'webhook'))).toHaveLength(0);
  });
});

describe('chat formats', () => {
  it('posts Slack incoming-webhook JSON: text and Block Kit blocks with the link', async () => {
    const hook = await endpoint({ path: '/slack', format: 'slack' });
    const incident = await openIncident('Slack: <script> & more');
    await deliverWebhooks();
    const [request] = receiver.received;
    const link = `${PUBLIC_URL}/incidents/${incident.number}`;
    expect(request.json).toEqual({
      text: `INC-${incident.number} (High) opened: Slack: <script> & more ${link}`,
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `INC-${incident.number} (High) opened: Slack: &lt;script&gt; &amp; more\n<${link}|Open in Vigil>`,
          },
        },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: expect.stringContaining('incident.opened') }],
        },
      ],
    });
    // Signed like every other, so a relay in front of Slack can check it.
    expect(() => new Webhook(hook.secret).verify(request.body, request.headers)).not.toThrow();
  });

  it('posts a Teams Workflows message with an Adaptive Card', async () => {
    await endpoint({ path: '/teams', format: 'teams' });
    const incident = await openIncident('Teams: lost laptop');
    await deliverWebhooks();
    const [request] = receiver.received;
    expect(request.json).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              {
                type: 'TextBlock',
                text: `INC-${incident.number} (High) opened: Teams: lost laptop`,
                wrap: true,
              },
              { type: 'TextBlock' },
            ],
            actions: [
              {
                type: 'Action.OpenUrl',
                title: 'Open in Vigil',
                url: `${PUBLIC_URL}/incidents/${incident.number}`,
              },
            ],
          },
        },
      ],
    });
  });
});

describe('managing endpoints', () => {
  it('sends a test event on request, even while paused, and records it', async () => {
    const hook = await endpoint({ path: '/test-event', eventTypes: ['task.closed'] });
    const paused = await setWebhookEndpointState(db, adminActor, hook.id, {
      change: 'pause',
      version: hook.version,
    });
    await sendTestWebhook(db, adminActor, paused.id);
    await deliverWebhooks();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['webhook.test']);
    const [row] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, hook.id), eq(activityLog.action, 'webhook.test-sent')));
    expect(row.actorId).toBe(admin.id);
  });

  it('sends a paused endpoint nothing, and keeps a removed one’s deliveries', async () => {
    const hook = await endpoint({ path: '/paused' });
    await openIncident('Lifecycle: before pausing');
    const paused = await setWebhookEndpointState(db, adminActor, hook.id, {
      change: 'pause',
      version: hook.version,
    });
    await openIncident('Lifecycle: while paused');
    await deliverWebhooks();
    // The first was queued before the pause: skipped, not sent.
    expect(receiver.received).toHaveLength(0);
    expect((await deliveriesOf(hook.id)).map((d) => d.status)).toEqual(['skipped']);

    const resumed = await setWebhookEndpointState(db, adminActor, hook.id, {
      change: 'resume',
      version: paused.version,
    });
    await setWebhookEndpointState(db, adminActor, hook.id, {
      change: 'remove',
      version: resumed.version,
    });
    expect((await getWebhookEndpoints(db)).map((e) => e.id)).not.toContain(hook.id);
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    await openIncident('Lifecycle: after removal');
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
  });

  it('refuses non-administrators, stale versions and bad input with clear errors', async () => {
    const hook = await endpoint({ path: '/managed' });
    expect(await rejection(sendTestWebhook(db, analyst, hook.id))).toBeInstanceOf(ForbiddenError);
    const edited = await updateWebhookEndpoint(db, adminActor, hook.id, {
      version: hook.version,
      url: hook.url,
      eventTypes: ['incident.closed', 'task.closed'],
      allowPrivateAddresses: true,
    });
    expect(edited.eventTypes).toEqual(['incident.closed', 'task.closed']);
    expect(edited.secret).toBe(hook.secret);
    expect(
      await rejection(
        updateWebhookEndpoint(db, adminActor, hook.id, {
          version: hook.version,
          url: hook.url,
          eventTypes: ['incident.opened'],
          allowPrivateAddresses: true,
        }),
      ),
    ).toBeInstanceOf(ConflictError);
    const bad = await rejection(
      createWebhookEndpoint(db, adminActor, {
        url: 'ftp://files.example.com/x',
        eventTypes: ['incident.sneezed' as never],
        format: 'fax' as never,
      }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual([
      'eventTypes.0',
      'format',
      'url',
    ]);
  });
});

describe('the organization’s incident webhook', () => {
  it('becomes an endpoint for Medium and High incidents opened or escalated', async () => {
    await db.update(organization).set({ incidentWebhookUrl: `${receiver.url}/legacy-pager` });
    const migration = readFileSync('db/migrations/0021_webhooks-from-organization.sql', 'utf8');
    for (const statement of migration.split('--> statement-breakpoint'))
      await db.execute(sql.raw(statement));

    const [org] = await db.select().from(organization);
    expect(org.incidentWebhookUrl).toBe('');
    const [moved] = await db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.url, `${receiver.url}/legacy-pager`));
    expect(moved).toMatchObject({
      eventTypes: ['incident.opened', 'incident.escalated'],
      format: 'standard',
      minimumSeverity: 'medium',
      active: true,
      allowPrivateAddresses: true,
    });
    expect(moved.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const low = await openIncident('Legacy: low', 'low');
    await openIncident('Legacy: high', 'high');
    await updateIncident(db, analyst, low.id, { version: low.version, severity: 'medium' });
    await deliverWebhooks();
    expect(
      receiver.received.map((r) => [r.json.type, (r.json.data as { title: string }).title]).sort(),
    ).toEqual([
      ['incident.escalated', 'Legacy: low'],
      ['incident.opened', 'Legacy: high'],
    ]);
  });
});
