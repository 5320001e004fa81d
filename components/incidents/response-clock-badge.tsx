import { Badge } from '@/components/ui/badge';
import { formatDuration, responseClock } from '@/lib/incidents/response-target';

/** What both views of an incident's response clock are drawn from. */
export type ResponseClockProps = {
  incident: { createdAt: Date; responseDueAt: Date; respondedAt: Date | null };
  now: Date;
};

/** The response clock at render time: time left, at risk, breached by how long, or met. */
export function ResponseClockBadge({ incident, now }: ResponseClockProps) {
  const clock = responseClock(incident, now);
  switch (clock.status) {
    case 'met':
      return (
        <Badge tone={clock.late ? 'amber' : 'green'}>
          {clock.late ? 'Responded late' : 'Responded'}
        </Badge>
      );
    case 'on-track':
      return <Badge tone="neutral">{formatDuration(clock.remainingMs)} left</Badge>;
    case 'at-risk':
      return <Badge tone="amber">At risk: {formatDuration(clock.remainingMs)} left</Badge>;
    case 'breached':
      return <Badge tone="red">Breached by {formatDuration(clock.overdueMs)}</Badge>;
  }
}
