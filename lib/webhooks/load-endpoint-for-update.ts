import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { webhookEndpoints, type WebhookEndpoint } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';

/** The endpoint, locked; refused when removed or when the caller saw an older version. */
export async function loadEndpointForUpdate(
  tx: Tx,
  endpointId: string,
  version?: number,
): Promise<WebhookEndpoint> {
  const [endpoint] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.deletedAt)))
    .for('update');
  if (!endpoint) throw new NotFoundError('That webhook endpoint no longer exists.');
  if (version !== undefined && endpoint.version !== version)
    throw new ConflictError(
      'Someone changed this endpoint since you opened it. Reload the page to see their change.',
    );
  return endpoint;
}
