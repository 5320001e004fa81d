import { Badge } from '@/components/ui/badge';
import { formatDuration } from '@/lib/incidents/response-target';
import { noticeClockStatus, type ClockTimes } from '@/lib/notice-clocks/clock';

/** A notice clock at render time: time left (amber from half its time), overdue, or notified. */
export function NoticeClockBadge({
  clock,
  now,
  prefix = 'Notify',
}: {
  clock: ClockTimes;
  now: Date;
  prefix?: string;
}) {
  const state = noticeClockStatus(clock, now);
  switch (state.status) {
    case 'notified':
      return (
        <Badge tone={state.late ? 'amber' : 'green'}>
          {state.late ? 'Notified late' : 'Notified'}
        </Badge>
      );
    case 'running':
      return (
        <Badge tone="brand">
          {prefix}: {formatDuration(state.remainingMs)} left
        </Badge>
      );
    case 'at-risk':
      return (
        <Badge tone="amber">
          {prefix}: {formatDuration(state.remainingMs)} left
        </Badge>
      );
    case 'overdue':
      return (
        <Badge tone="red">
          {prefix}: overdue by {formatDuration(state.overdueMs)}
        </Badge>
      );
  }
}
