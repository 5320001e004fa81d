import { randomUUID } from 'node:crypto';
import { and, arrayOverlaps, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { outbox, webhookDeliveries, webhookEndpoints, type Severity } from '@/db/schema';
import { describeEvents } from './describe-events';
import type { WebhookEventInput } from './event-input';
import type { StoredWebhookEvent, WebhookEvent } from './webhook-message';

const SEVERITY_RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3 };

type Subscriber = { id: string; eventTypes: string[]; minimumSeverity: Severity | null };

/**
 * Queues one message per subscribed endpoint for each event, in the caller's transaction:
 * a delivery row (what is sent, every attempt) and an outbox row that delivers it after
 * commit with the outbox's retries. Paused and removed endpoints get nothing. Every event
 * site calls this; with no subscriber it costs one indexed query.
 */
export async function queueWebhookEvents(tx: Tx, inputs: WebhookEventInput[]): Promise<void> {
  if (!inputs.length) return;
  const types = [...new Set(inputs.map((i) => i.type))];
  const subscribers = await tx
    .select({
      id: webhookEndpoints.id,
      eventTypes: webhookEndpoints.eventTypes,
      minimumSeverity: webhookEndpoints.minimumSeverity,
    })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.active, true),
        isNull(webhookEndpoints.deletedAt),
        arrayOverlaps(webhookEndpoints.eventTypes, types),
      ),
    );
  if (!subscribers.length) return;
  const wanted = inputs.filter((i) => subscribers.some((s) => s.eventTypes.includes(i.type)));
  const events = (await describeEvents(tx, wanted)).filter((e) => e !== undefined);
  await queueForEndpoints(tx, subscribers, events);
}

export async function queueWebhookEvent(tx: Tx, input: WebhookEventInput): Promise<void> {
  await queueWebhookEvents(tx, [input]);
}

/** "Send test event": one message to one endpoint, whatever it subscribes to. */
export async function queueTestWebhookEvent(
  tx: Tx,
  endpointId: string,
  event: WebhookEvent,
): Promise<number> {
  const [id] = await queueForEndpoints(
    tx,
    [{ id: endpointId, eventTypes: [event.type], minimumSeverity: null }],
    [event],
  );
  return id;
}

async function queueForEndpoints(
  tx: Tx,
  endpoints: Subscriber[],
  events: WebhookEvent[],
): Promise<number[]> {
  const timestamp = new Date().toISOString();
  const rows: {
    endpoint_id: string;
    event_type: string;
    message_id: string;
    payload: StoredWebhookEvent;
  }[] = [];
  for (const event of events) {
    const { severity, ...rest } = event;
    const stored: StoredWebhookEvent = { ...rest, timestamp };
    for (const endpoint of endpoints) {
      if (!endpoint.eventTypes.includes(event.type)) continue;
      if (
        severity &&
        endpoint.minimumSeverity &&
        SEVERITY_RANK[severity] < SEVERITY_RANK[endpoint.minimumSeverity]
      )
        continue;
      rows.push({
        endpoint_id: endpoint.id,
        event_type: event.type,
        message_id: `msg_${randomUUID().replaceAll('-', '')}`,
        payload: stored,
      });
    }
  }
  if (!rows.length) return [];
  // One statement for both tables, the rows as a single JSON parameter: a bulk close queues
  // thousands, and as a multi-row VALUES their bind parameters cost more than the writes.
  const inserted = await tx.execute<{ id: string }>(sql`
    with d as (
      insert into ${webhookDeliveries} (endpoint_id, event_type, message_id, payload)
      select r.endpoint_id, r.event_type, r.message_id, r.payload
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(endpoint_id uuid, event_type text, message_id text, payload jsonb)
      returning id, event_type
    ), o as (
      insert into ${outbox} (kind, topic, payload)
      select 'webhook', d.event_type, jsonb_build_object('deliveryId', d.id) from d
    )
    select id from d order by id`);
  return inserted.map((d) => Number(d.id));
}
