import { z } from 'zod';
import type { Db } from '@/db/client';
import type { OutboxRow } from '@/db/schema';
import {
  deliverWebhookMessage,
  type WebhookDeliveryOptions,
} from '@/lib/webhooks/deliver-webhook-message';
import type { Deliverer } from './drain-outbox';

const webhookPayload = z.object({ deliveryId: z.number().int().positive() });

/**
 * The outbox's 'webhook' kind: each row names a webhook delivery (lib/webhooks). Rows an older
 * version queued ({url, body}, unsigned, to the organization's single URL) were turned into
 * endpoints by the migration; any left in the queue are parked with a reason rather than sent
 * unsigned and unchecked.
 */
export function createWebhookDeliverer(db: Db, options: WebhookDeliveryOptions): Deliverer {
  return async (message: OutboxRow) => {
    const parsed = webhookPayload.safeParse(message.payload);
    if (!parsed.success)
      throw new Error(
        'this webhook was queued by an older version of Vigil; the endpoint now lives in Settings → Integrations',
      );
    await deliverWebhookMessage(db, message, parsed.data.deliveryId, options);
  };
}
