import type { DbOrTx } from '@/db/client';
import { taskSchedules } from '@/db/schema';
import { countCapped } from '@/lib/list/keyset';
import { scheduleFilterWhere } from './get-schedules';
import type { ScheduleListParams } from './list-params';

export const SCHEDULE_COUNT_CAP = 10_000;

/** How many schedules the filter matches, counting at most SCHEDULE_COUNT_CAP + 1 rows. */
export function countSchedules(
  db: DbOrTx,
  params: ScheduleListParams,
): Promise<{ count: number; capped: boolean }> {
  return countCapped(db, taskSchedules, scheduleFilterWhere(params), SCHEDULE_COUNT_CAP);
}
