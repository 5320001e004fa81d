import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { webhookEndpoints, type WebhookEndpoint } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ConflictError } from '@/lib/errors';
import { loadEndpointForUpdate } from './load-endpoint-for-update';

/**
 * Pauses, resumes or removes an endpoint, from the state the administrator saw. A paused one
 * is sent nothing new (messages already queued are skipped); a removed one disappears from
 * the list but keeps its row, so its deliveries stay readable in the activity trail.
 */
export async function setWebhookEndpointState(
  db: Db,
  actor: Actor,
  endpointId: string,
  input: { change: 'pause' | 'resume' | 'remove'; version: number },
): Promise<WebhookEndpoint> {
  assertCan(actor, 'organization.manage');
  return db.transaction(async (tx) => {
    const before = await loadEndpointForUpdate(tx, endpointId, input.version);
    if (input.change === 'pause' && !before.active)
      throw new ConflictError('This endpoint is already paused.');
    if (input.change === 'resume' && before.active)
      throw new ConflictError('This endpoint is already active.');
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...(input.change === 'remove'
          ? { deletedAt: sql`now()`, active: false }
          : { active: input.change === 'resume' }),
        updatedById: actor.kind === 'user' ? actor.userId : null,
        updatedAt: sql`now()`,
        version: sql`${webhookEndpoints.version} + 1`,
      })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning();
    await recordActivity(tx, actor, {
      action: { pause: 'webhook.paused', resume: 'webhook.resumed', remove: 'webhook.removed' }[
        input.change
      ],
      entityType: 'webhook',
      entityId: endpointId,
      changes:
        input.change === 'remove'
          ? { url: { old: before.url, new: null } }
          : { active: { old: before.active, new: after.active } },
    });
    return after;
  });
}
