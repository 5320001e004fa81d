import { Badge } from '@/components/ui/badge';
import type { Severity } from '@/db/schema';
import { SEVERITY_LABELS } from '@/lib/incidents/schemas';

const TONE = { high: 'red', medium: 'amber', low: 'brand', none: 'neutral' } as const;

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={TONE[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}
