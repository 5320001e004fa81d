import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { webhookEndpoints, type WebhookEndpoint } from '@/db/schema';
import { diffFields } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { parseInput } from '@/lib/validation';
import { checkEndpointUrl } from './check-endpoint-url';
import { recordEndpointActivity } from './endpoint-activity';
import { webhookEndpointUpdate, type WebhookEndpointUpdate } from './endpoint-input';
import { loadEndpointForUpdate } from './load-endpoint-for-update';

const FIELDS = [
  'url',
  'description',
  'eventTypes',
  'format',
  'minimumSeverity',
  'allowPrivateAddresses',
] as const;

/** Edits an endpoint from the version the administrator saw; its secret stays. */
export async function updateWebhookEndpoint(
  db: Db,
  actor: Actor,
  endpointId: string,
  rawInput: WebhookEndpointUpdate,
): Promise<WebhookEndpoint> {
  assertCan(actor, 'organization.manage');
  const { version, ...input } = parseInput(webhookEndpointUpdate, rawInput);
  await checkEndpointUrl(input.url, input.allowPrivateAddresses);
  return db.transaction(async (tx) => {
    const before = await loadEndpointForUpdate(tx, endpointId, version);
    const changes = diffFields(before, input, FIELDS);
    if (!Object.keys(changes).length) return before;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...input,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        updatedAt: sql`now()`,
        version: sql`${webhookEndpoints.version} + 1`,
      })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning();
    await recordEndpointActivity(tx, actor, after, 'webhook.updated', changes);
    return after;
  });
}
