import { Badge } from '@/components/ui/badge';
import type { EventTriggerRun } from '@/db/schema';

const LABELS = {
  quiet: ['Quiet', 'neutral'],
  opened: ['Opened an incident', 'red'],
  added: ['Added to the incident', 'amber'],
  failed: ['Failed', 'red'],
} as const satisfies Record<EventTriggerRun['outcome'], readonly [string, string]>;

export function OutcomeBadge({ outcome }: { outcome: EventTriggerRun['outcome'] }) {
  const [label, tone] = LABELS[outcome];
  return <Badge tone={tone}>{label}</Badge>;
}
