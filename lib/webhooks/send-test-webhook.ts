import type { Db } from '@/db/client';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { TEST_EVENT_TYPE } from './event-types';
import { loadEndpointForUpdate } from './load-endpoint-for-update';
import { queueTestWebhookEvent } from './queue-webhook-event';

/**
 * Queues a `webhook.test` message to one endpoint, whatever it subscribes to and even while
 * paused, signed like every other: what an administrator sends to check a receiver.
 * Returns the delivery's id, whose attempts the endpoint's page shows.
 */
export async function sendTestWebhook(db: Db, actor: Actor, endpointId: string): Promise<number> {
  assertCan(actor, 'organization.manage');
  return db.transaction(async (tx) => {
    const endpoint = await loadEndpointForUpdate(tx, endpointId);
    const deliveryId = await queueTestWebhookEvent(tx, endpoint.id, {
      type: TEST_EVENT_TYPE,
      summary: `Test message from Vigil, sent by ${actorLabel(actor)}`,
      path: '/settings/integrations',
      data: { endpointId: endpoint.id, sentBy: actorLabel(actor) },
    });
    await recordActivity(tx, actor, {
      action: 'webhook.test-sent',
      entityType: 'webhook',
      entityId: endpoint.id,
      changes: { delivery: { old: null, new: deliveryId } },
    });
    return deliveryId;
  });
}
