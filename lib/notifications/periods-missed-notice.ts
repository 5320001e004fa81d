import type { TaskSchedule } from '@/db/schema';
import { periodLabel } from '@/lib/schedules/recurrence';
import { formatDateTime } from '@/lib/time/format';
import type { AdministratorNotice } from './administrator-notice';

/** An email lists this many periods; the schedule's page lists them all. */
export const MAX_PERIODS_LISTED = 50;

/** The periods-missed email's props for one administrator (occurrences in their zone). */
export function periodsMissedProps(
  schedule: TaskSchedule,
  notice: Extract<AdministratorNotice, { kind: 'periods-missed' }>,
  timeZone: string,
): Record<string, unknown> {
  const periods = [...notice.periods].sort(
    (a, b) => a.occurrenceAt.getTime() - b.occurrenceAt.getTime(),
  );
  const label = (at: Date) => periodLabel(at, schedule.pattern, schedule.timeZone);
  const first = label(periods[0].occurrenceAt);
  const last = label(periods[periods.length - 1].occurrenceAt);
  return {
    count: periods.length,
    range: first === last ? first : `${first} – ${last}`,
    why: notice.reason,
    periods: periods.slice(0, MAX_PERIODS_LISTED).map((p) => ({
      label: label(p.occurrenceAt),
      occurrence: formatDateTime(p.occurrenceAt, timeZone),
    })),
    more: Math.max(0, periods.length - MAX_PERIODS_LISTED),
  };
}
