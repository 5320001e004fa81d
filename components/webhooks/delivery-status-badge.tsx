import { Badge } from '@/components/ui/badge';
import type { WebhookDelivery } from '@/db/schema';

const TONE = { pending: 'amber', delivered: 'green', failed: 'red', skipped: 'neutral' } as const;
const LABEL = {
  pending: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
} as const;

export function DeliveryStatusBadge({
  status,
  attempts,
}: Pick<WebhookDelivery, 'status' | 'attempts'>) {
  if (status === 'pending' && attempts === 0) return <Badge>Queued</Badge>;
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
