import { and, eq, exists, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { schedulePeriods, schedulePolicies, taskSchedules, tasks } from '@/db/schema';
import type { PeriodStatus } from './task-outcome';

// How many periods are in each state, as one aggregate over ledger rows joined to their
// tasks: one schedule's record, or every schedule's periods in a date range (the dashboard's
// on-time rate, a policy's page). The states are those of taskOutcome(), written in SQL.

/** The select list of the aggregate; the query must left-join tasks on schedule_periods.task_id. */
export function periodStatusCounts(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const closedOnTime = sql`${tasks.state} = 'closed' and (${tasks.dueAt} is null or coalesce(${tasks.closedAt} <= ${tasks.dueAt}, false))`;
  return {
    'on-time': sql<number>`count(*) filter (where ${closedOnTime})::int`,
    late: sql<number>`count(*) filter (where ${tasks.state} = 'closed' and not (${closedOnTime}))::int`,
    open: sql<number>`count(*) filter (where ${tasks.state} = 'open' and (${tasks.dueAt} is null or ${tasks.dueAt} >= ${at}))::int`,
    overdue: sql<number>`count(*) filter (where ${tasks.state} = 'open' and ${tasks.dueAt} < ${at})::int`,
    invalid: sql<number>`count(*) filter (where ${tasks.state} = 'invalid')::int`,
    missed: sql<number>`count(*) filter (where ${schedulePeriods.outcome} = 'missed')::int`,
  } satisfies Record<PeriodStatus, SQL<number>>;
}

export type PeriodCountsParams = {
  /** Periods whose occurrence is in [from, to). */
  from: Date;
  to: Date;
  scheduleIds?: string[];
  policyId?: string;
  /** Schedules owned by this person or by one of these teams ("my teams"). */
  owners?: { userId: string; teamIds: string[] };
};

export async function countPeriods(
  db: DbOrTx,
  params: PeriodCountsParams,
  now = new Date(),
): Promise<Record<PeriodStatus, number>> {
  const { owners } = params;
  const [row] = await db
    .select(periodStatusCounts(now))
    .from(schedulePeriods)
    .leftJoin(tasks, eq(tasks.id, schedulePeriods.taskId))
    .where(
      and(
        gte(schedulePeriods.occurrenceAt, params.from),
        lt(schedulePeriods.occurrenceAt, params.to),
        params.scheduleIds ? inArray(schedulePeriods.scheduleId, params.scheduleIds) : undefined,
        params.policyId
          ? exists(
              db
                .select({ one: sql`1` })
                .from(schedulePolicies)
                .where(
                  and(
                    eq(schedulePolicies.scheduleId, schedulePeriods.scheduleId),
                    eq(schedulePolicies.policyId, params.policyId),
                  ),
                ),
            )
          : undefined,
        owners
          ? exists(
              db
                .select({ one: sql`1` })
                .from(taskSchedules)
                .where(
                  and(
                    eq(taskSchedules.id, schedulePeriods.scheduleId),
                    or(
                      eq(taskSchedules.ownerUserId, owners.userId),
                      owners.teamIds.length
                        ? inArray(taskSchedules.ownerTeamId, owners.teamIds)
                        : undefined,
                    ),
                  ),
                ),
            )
          : undefined,
      ),
    );
  return row;
}
