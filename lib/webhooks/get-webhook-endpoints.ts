import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  type WebhookDelivery,
  type WebhookDeliveryAttempt,
  type WebhookEndpoint,
} from '@/db/schema';

export const DELIVERIES_PAGE = 25;

export type WebhookEndpointSummary = WebhookEndpoint & {
  lastDeliveryStatus: WebhookDelivery['status'] | null;
  lastDeliveryAttempts: number;
  lastDeliveryAt: Date | null;
};

/** Live endpoints, oldest first, each with how its newest delivery went. */
export async function getWebhookEndpoints(db: DbOrTx): Promise<WebhookEndpointSummary[]> {
  const last = db
    .select({
      endpointId: webhookDeliveries.endpointId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, webhookEndpoints.id))
    .orderBy(desc(webhookDeliveries.id))
    .limit(1)
    .as('last');
  const rows = await db
    .select({
      endpoint: webhookEndpoints,
      status: last.status,
      attempts: last.attempts,
      at: last.createdAt,
    })
    .from(webhookEndpoints)
    .leftJoinLateral(last, sql`true`)
    .where(isNull(webhookEndpoints.deletedAt))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
  return rows.map((r) => ({
    ...r.endpoint,
    lastDeliveryStatus: r.status,
    lastDeliveryAttempts: r.attempts ?? 0,
    lastDeliveryAt: r.at,
  }));
}

export async function getWebhookEndpoint(
  db: DbOrTx,
  endpointId: string,
): Promise<WebhookEndpoint | undefined> {
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.deletedAt)));
  return endpoint;
}

export type DeliveryWithAttempts = WebhookDelivery & { attemptRows: WebhookDeliveryAttempt[] };

/** An endpoint's deliveries, newest first, paged by id; each with its attempts. */
export async function getWebhookDeliveries(
  db: DbOrTx,
  params: { endpointId: string; before?: number },
): Promise<{ rows: DeliveryWithAttempts[]; olderCursor: number | null }> {
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, params.endpointId),
        params.before ? lt(webhookDeliveries.id, params.before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(DELIVERIES_PAGE + 1);
  const page = deliveries.slice(0, DELIVERIES_PAGE);
  const attempts = page.length
    ? await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          inArray(
            webhookDeliveryAttempts.deliveryId,
            page.map((d) => d.id),
          ),
        )
        .orderBy(webhookDeliveryAttempts.id)
    : [];
  return {
    rows: page.map((d) => ({
      ...d,
      attemptRows: attempts.filter((a) => a.deliveryId === d.id),
    })),
    olderCursor: deliveries.length > DELIVERIES_PAGE ? page.at(-1)!.id : null,
  };
}
