import type { PeriodStatus } from '@/lib/schedules/task-outcome';

// The one definition of a schedule's on-time rate, used by the dashboard, a policy's page and
// the compliance report: periods done on time among those that were due — late, overdue and
// missed count against it; invalid ones (with their reason) and ones still open before their
// due date count neither way.
export function onTimeRate(
  counts: Partial<Record<PeriodStatus | 'pending', number>>,
): number | null {
  const onTime = counts['on-time'] ?? 0;
  const due = onTime + (counts.late ?? 0) + (counts.overdue ?? 0) + (counts.missed ?? 0);
  return due === 0 ? null : onTime / due;
}
