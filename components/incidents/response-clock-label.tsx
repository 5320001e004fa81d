import { Badge } from '@/components/ui/badge';
import { formatDuration, responseClock } from '@/lib/incidents/response-target';
import type { ResponseClockProps } from './response-clock-badge';

/** The response target at a glance: met, time left (amber when at risk), or breached by how long. */
export function ResponseClockLabel({ incident, now }: ResponseClockProps) {
  const clock = responseClock(incident, now);
  switch (clock.status) {
    case 'met':
      return <span className="text-slate-500">{clock.late ? 'Responded late' : 'Responded'}</span>;
    case 'on-track':
      return <span>{formatDuration(clock.remainingMs)} left</span>;
    case 'at-risk':
      return <Badge tone="amber">{formatDuration(clock.remainingMs)} left</Badge>;
    case 'breached':
      return <Badge tone="red">Breached by {formatDuration(clock.overdueMs)}</Badge>;
  }
}
