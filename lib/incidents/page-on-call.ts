import type { Tx } from '@/db/client';
import type { Incident } from '@/db/schema';
import { getOrganization } from '@/lib/organization/get-organization';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { incidentNumberLabel, SEVERITY_LABELS } from './schemas';

/** Medium and High incidents page whoever the organization's webhook reaches, through the outbox. */
export async function pageOnCallIfUrgent(
  tx: Tx,
  incident: Incident,
  reason: 'opened' | 'escalated',
): Promise<void> {
  if (incident.severity !== 'medium' && incident.severity !== 'high') return;
  const organization = await getOrganization(tx);
  if (!organization?.incidentWebhookUrl) return;
  const label = incidentNumberLabel(incident.number);
  await enqueueOutbox(tx, {
    kind: 'webhook',
    topic: 'incident.page',
    payload: {
      url: organization.incidentWebhookUrl,
      body: {
        event: reason === 'opened' ? 'incident.opened' : 'incident.escalated',
        number: label,
        title: incident.title,
        severity: SEVERITY_LABELS[incident.severity],
        state: incident.state,
        responseDueAt: incident.responseDueAt.toISOString(),
        text: `${label} (${SEVERITY_LABELS[incident.severity]}): ${incident.title}`,
      },
    },
  });
}
