import { eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Db } from '@/db/client';
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  type OutboxRow,
} from '@/db/schema';
import { assertPublicHost } from './address-guard';
import { TEST_EVENT_TYPE } from './event-types';
import { formatWebhookBody } from './formats';
import { postWebhook, type WebhookResponse } from './send-request';
import type { StoredWebhookEvent } from './webhook-message';

export type WebhookDeliveryOptions = {
  /** Links in messages start with this (the address people reach Vigil at). */
  publicUrl: string;
  timeoutMs?: number;
};

/**
 * Delivers one webhook_deliveries row for the outbox: signs the body per Standard Webhooks
 * (`webhook-id` is the delivery's message id, the same on every attempt; the timestamp and
 * signature are the attempt's), records the attempt and its answer, and throws on anything
 * but a 2xx so the outbox retries with its backoff. The address is checked again here, as
 * DNS may have changed since the endpoint was saved.
 */
export async function deliverWebhookMessage(
  db: Db,
  message: OutboxRow,
  deliveryId: number,
  options: WebhookDeliveryOptions,
): Promise<void> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row) return; // nothing to deliver: the row is gone
  const { delivery, endpoint } = row;
  if (delivery.status === 'delivered') return; // a repeat after a crash between send and record
  // A test message goes to a paused endpoint too: checking a receiver before resuming it.
  if (endpoint.deletedAt || (!endpoint.active && delivery.eventType !== TEST_EVENT_TYPE)) {
    await db
      .update(webhookDeliveries)
      .set({
        status: 'skipped',
        lastError: endpoint.deletedAt ? 'the endpoint was removed' : 'the endpoint is paused',
      })
      .where(eq(webhookDeliveries.id, deliveryId));
    return;
  }

  const event = delivery.payload as StoredWebhookEvent;
  const body = JSON.stringify(formatWebhookBody(endpoint.format, event, options.publicUrl));
  const now = new Date();
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Vigil-Webhooks',
    'webhook-id': delivery.messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(endpoint.secret).sign(delivery.messageId, now, body),
  };

  const started = performance.now();
  let response: WebhookResponse | undefined;
  let error: string | undefined;
  try {
    const url = new URL(endpoint.url);
    if (!endpoint.allowPrivateAddresses) await assertPublicHost(url);
    response = await postWebhook(url, headers, body, {
      allowPrivateAddresses: endpoint.allowPrivateAddresses,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    if (response.status < 200 || response.status > 299)
      error = `the endpoint answered ${response.status}`;
  } catch (caught) {
    error = (caught instanceof Error ? caught.message : String(caught)).slice(0, 500);
  }
  const ok = error === undefined;
  const lastAttempt = message.attempts >= message.maxAttempts;
  // The attempt and the delivery's summary in one statement (atomic without a transaction).
  const attempt = db.$with('attempt').as(
    db
      .insert(webhookDeliveryAttempts)
      .values({
        deliveryId,
        attempt: message.attempts,
        statusCode: response?.status ?? null,
        responseExcerpt: response?.excerpt ?? null,
        error: error ?? null,
        durationMs: Math.round(performance.now() - started),
      })
      .returning({ id: webhookDeliveryAttempts.id }),
  );
  await db
    .with(attempt)
    .update(webhookDeliveries)
    .set({
      status: ok ? 'delivered' : lastAttempt ? 'failed' : 'pending',
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: response?.status ?? null,
      responseExcerpt: response?.excerpt ?? null,
      lastError: error ?? null,
      lastAttemptAt: sql`now()`,
      deliveredAt: ok ? sql`now()` : null,
    })
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!ok) throw new Error(error);
}
