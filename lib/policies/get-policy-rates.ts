import type { DbOrTx } from '@/db/client';
import { onTimeRate } from '@/lib/reports/on-time-rate';
import { countPeriods } from '@/lib/schedules/count-periods';
import { localParts } from '@/lib/schedules/recurrence';
import type { PeriodStatus } from '@/lib/schedules/task-outcome';
import { instantAtWallClock } from '@/lib/time/wall-clock';

// How the schedules mapped to a policy kept their periods: over the last 90 days and since
// 1 January (the organization's calendar), with the one on-time rate the dashboard and the
// compliance report use.

export type PolicyRateWindow = {
  label: string;
  /** The window as calendar days in the organization's zone, for the compliance report's link. */
  fromDay: string;
  toDay: string;
  counts: Record<PeriodStatus, number>;
  rate: number | null;
};

const DAY_MS = 86_400_000;

function dayIn(timeZone: string, at: Date): string {
  const { year, month, day } = localParts(at, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export async function getPolicyRates(
  db: DbOrTx,
  policyId: string,
  timeZone: string,
  now = new Date(),
): Promise<PolicyRateWindow[]> {
  const { year } = localParts(now, timeZone);
  const yearStart = new Date(instantAtWallClock(timeZone, Date.UTC(year, 0, 1)));
  const ninetyDaysAgo = new Date(now.getTime() - 90 * DAY_MS);
  const windows = [
    { label: 'Last 90 days', from: ninetyDaysAgo },
    { label: `${year} so far`, from: yearStart },
  ];
  return Promise.all(
    windows.map(async ({ label, from }) => {
      const counts = await countPeriods(db, { from, to: now, policyId }, now);
      return {
        label,
        fromDay: dayIn(timeZone, from),
        toDay: dayIn(timeZone, now),
        counts,
        rate: onTimeRate(counts),
      };
    }),
  );
}
