import { Badge } from '@/components/ui/badge';

/** Whether a recurring thing (a schedule, a trigger) runs: Active, or Paused by a person. */
export function ActiveBadge({ active }: { active: boolean }) {
  return active ? <Badge tone="green">Active</Badge> : <Badge tone="amber">Paused</Badge>;
}
