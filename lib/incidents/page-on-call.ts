import type { Tx } from '@/db/client';
import type { Incident, Severity } from '@/db/schema';
import { queueWebhookEvent } from '@/lib/webhooks/queue-webhook-event';

/**
 * A raised severity is news for whoever pages on call: endpoints subscribed to
 * `incident.escalated` (the organization's former incident webhook among them, which keeps
 * its Medium-and-High filter as the endpoint's minimum severity). An incident opened at
 * Medium or High reaches them as `incident.opened`, queued with its notification.
 */
export async function queueIncidentEscalated(
  tx: Tx,
  incident: Incident,
  previousSeverity: Severity,
): Promise<void> {
  await queueWebhookEvent(tx, {
    type: 'incident.escalated',
    incidentId: incident.id,
    previousSeverity,
  });
}
