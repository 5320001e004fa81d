import type { Db } from '@/db/client';
import { webhookEndpoints, type WebhookEndpoint } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { parseInput } from '@/lib/validation';
import { checkEndpointUrl } from './check-endpoint-url';
import { recordEndpointActivity } from './endpoint-activity';
import { webhookEndpointInput, type WebhookEndpointInput } from './endpoint-input';
import { generateWebhookSecret } from './secret';

/** Adds an endpoint with a new signing secret; administrators only (Settings → Integrations). */
export async function createWebhookEndpoint(
  db: Db,
  actor: Actor,
  rawInput: WebhookEndpointInput,
): Promise<WebhookEndpoint> {
  assertCan(actor, 'organization.manage');
  const input = parseInput(webhookEndpointInput, rawInput);
  await checkEndpointUrl(input.url, input.allowPrivateAddresses);
  const actorId = actor.kind === 'user' ? actor.userId : null;
  return db.transaction(async (tx) => {
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({
        ...input,
        secret: generateWebhookSecret(),
        createdById: actorId,
        updatedById: actorId,
      })
      .returning();
    await recordEndpointActivity(tx, actor, endpoint, 'webhook.created', {
      url: { old: null, new: endpoint.url },
      description: { old: null, new: endpoint.description },
      eventTypes: { old: null, new: endpoint.eventTypes },
      format: { old: null, new: endpoint.format },
      minimumSeverity: { old: null, new: endpoint.minimumSeverity },
      ...(endpoint.allowPrivateAddresses
        ? { allowPrivateAddresses: { old: false, new: true } }
        : {}),
    });
    return endpoint;
  });
}
