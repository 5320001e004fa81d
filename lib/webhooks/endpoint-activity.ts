import type { FieldChanges, WebhookEndpoint } from '@/db/schema';
import type { Tx } from '@/db/client';
import { recordActivities } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';

/**
 * The activity rows of a change to an endpoint. Allowing or refusing private addresses gets a
 * row of its own, so "who let this webhook reach the internal network" is one search away.
 */
export async function recordEndpointActivity(
  tx: Tx,
  actor: Actor,
  endpoint: Pick<WebhookEndpoint, 'id'>,
  action: string,
  changes: FieldChanges,
): Promise<void> {
  const { allowPrivateAddresses, ...rest } = changes;
  await recordActivities(tx, actor, [
    ...(Object.keys(rest).length || !allowPrivateAddresses
      ? [{ action, entityType: 'webhook', entityId: endpoint.id, changes: rest }]
      : []),
    ...(allowPrivateAddresses
      ? [
          {
            action: allowPrivateAddresses.new
              ? 'webhook.private-addresses-allowed'
              : 'webhook.private-addresses-refused',
            entityType: 'webhook',
            entityId: endpoint.id,
            changes: { allowPrivateAddresses },
          },
        ]
      : []),
  ]);
}
