import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { organization, outbox, webhookDeliveries } from '@/db/schema';
import { closeIncidents } from '@/lib/incidents/close-incidents';
import { createWebhookDeliverer } from '@/lib/outbox/deliver-webhook';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { createWebhookEndpoint } from '@/lib/webhooks/create-webhook-endpoint';
import { actorOf, insertIncidents, insertUser } from '../support/incident-fixtures';
import { setUpTestDatabase } from '../support/test-database-hooks';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// Figures, not limits: what a subscribed endpoint adds to a bulk close, and how fast signed
// messages go out to a receiver on loopback. Printed; asserted only for correctness.
const INCIDENTS = 2_000;
let db: Db;
let receiver: WebhookReceiver;

const test = setUpTestDatabase(async () => {
  db = test.db;
  await db.insert(organization).values({ name: 'Throughput Bank', timeZone: 'UTC' });
});
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver?.close());

async function timedBulkClose(label: string): Promise<number> {
  const admin = actorOf(await insertUser(db, 'admin'));
  const rows = await insertIncidents(
    db,
    Array.from({ length: INCIDENTS }, (_, i) => ({ title: `${label} ${i}` })),
  );
  const started = performance.now();
  const result = await closeIncidents(db, admin, {
    incidentIds: rows.map((r) => r.id),
    note: 'Bulk closed for the figures.',
  });
  expect(result.closed).toBe(INCIDENTS);
  return performance.now() - started;
}

it('measures the cost of queueing and the speed of delivery', async () => {
  const unsubscribed = await timedBulkClose('Unsubscribed');
  const endpoint = await createWebhookEndpoint(db, actorOf(await insertUser(db, 'admin')), {
    url: `${receiver.url}/closed`,
    eventTypes: ['incident.closed'],
    allowPrivateAddresses: true,
  });
  const subscribed = await timedBulkClose('Subscribed');
  const queued = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpoint.id));
  expect(queued[0].n).toBe(INCIDENTS);

  await db.delete(outbox).where(sql`${outbox.kind} <> 'webhook'`);
  const started = performance.now();
  const drained = await drainOutbox(db, {
    webhook: createWebhookDeliverer(db, { publicUrl: 'https://vigil.example.com' }),
  });
  const deliverMs = performance.now() - started;
  expect(drained.delivered).toBe(INCIDENTS);
  expect(receiver.received).toHaveLength(INCIDENTS);
  console.log(
    `[webhooks] bulk close of ${INCIDENTS}: ${unsubscribed.toFixed(0)} ms with no endpoint, ` +
      `${subscribed.toFixed(0)} ms with one subscribed (${(subscribed / unsubscribed).toFixed(2)}×); ` +
      `${INCIDENTS} signed deliveries in ${deliverMs.toFixed(0)} ms ` +
      `(${((INCIDENTS / deliverMs) * 1000).toFixed(0)}/s, 10 in flight)`,
  );
});
