import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { tasks } from '@/db/schema';
import { loadOwnerLabel } from '@/lib/owners/owner';
import { resolveGenerationOwner } from './generation-owner';
import { getPeriodRecord } from './get-schedule-periods';
import { nextOccurrences, recurrenceInWords } from './recurrence';
import { getSchedulePolicies, getScheduleWatchers } from './schedule-relations';
import { getSchedule } from './generate';
import { taskOutcome } from './task-outcome';
import { recurrenceOf } from './update-schedule';

export { OUTCOME_LABELS, taskOutcome, type TaskOutcome } from './task-outcome';

export type ScheduleDetail = Awaited<ReturnType<typeof getScheduleDetail>>;

/** Everything the schedule page and GET /api/v1/schedules/{id} show. */
export async function getScheduleDetail(db: DbOrTx, scheduleId: string, now = new Date()) {
  const schedule = await getSchedule(db, scheduleId);
  if (!schedule) return undefined;
  const [owner, generationOwner, record, watchers, policies, generated] = await Promise.all([
    loadOwnerLabel(db, schedule),
    resolveGenerationOwner(db, schedule),
    getPeriodRecord(db, scheduleId, now),
    getScheduleWatchers(db, scheduleId),
    getSchedulePolicies(db, scheduleId),
    db
      .select({
        id: tasks.id,
        number: tasks.number,
        title: tasks.title,
        state: tasks.state,
        occurrenceAt: tasks.occurrenceAt,
        dueAt: tasks.dueAt,
        closedAt: tasks.closedAt,
        generatedLate: tasks.generatedLate,
      })
      .from(tasks)
      .where(eq(tasks.scheduleId, scheduleId))
      .orderBy(desc(tasks.occurrenceAt))
      .limit(500),
  ]);
  const withOutcome = generated.map((t) => ({ ...t, outcome: taskOutcome(t, now) }));
  return {
    schedule,
    ownerName: owner,
    // The schedule's owner cannot take its tasks: who does, and why (shown on the page and list).
    ownerFallback: generationOwner.fallbackReason
      ? {
          tasksGoTo: generationOwner.tasksGoTo ?? 'nobody',
          reason: generationOwner.missingOwner ?? generationOwner.fallbackReason,
        }
      : null,
    // The generator could not generate the next period: shown until a generation succeeds.
    generationError:
      schedule.generationFailures > 0
        ? {
            failures: schedule.generationFailures,
            message: schedule.lastGenerationError ?? 'unknown error',
          }
        : null,
    recurrenceText: recurrenceInWords(recurrenceOf(schedule)),
    nextOccurrences: schedule.active ? nextOccurrences(schedule.rrule, now, 5) : [],
    watchers,
    policies,
    tasks: withOutcome,
    /** Periods of the ledger in each state, missed ones included. */
    record,
  };
}
