import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { schedulePeriods, taskSchedules, type TaskSchedule } from '@/db/schema';
import { accountForOccurrences } from './account-periods';
import { countOccurrences } from './expected-count';
import { occurrencesBetween } from './recurrence';

// Defence in depth behind the generation cursor: every period the current rule owed in
// the reconcile window must have its ledger row. The window is (max(rule_effective_at,
// now − horizon), accounted_through]: what the cursor claims is done, no further back than
// the horizon. A missing period becomes a late task "found missing by reconciliation"
// (or, beyond the catch-up limit, a recorded miss): never silently absent.

/** How far back the reconcile looks: one year (README, "Task schedules"). */
export const RECONCILE_HORIZON_MS = 365 * 86_400_000;

export type ReconcileResult = {
  schedules: number;
  differing: number;
  repaired: number;
  tasks: number;
  missed: number;
  ms: number;
};

type Candidate = Pick<
  TaskSchedule,
  'id' | 'pattern' | 'timeOfDay' | 'timeZone' | 'startDate' | 'endDate'
> & { windowFrom: Date; windowThrough: Date; recorded: number };

export async function reconcilePeriods(
  db: Db,
  options: { now: Date; horizonMs: number; catchUpLimit: number },
): Promise<ReconcileResult> {
  const started = Date.now();
  const horizonStart = new Date(options.now.getTime() - options.horizonMs);
  const windowFrom = sql<Date>`greatest(${taskSchedules.ruleEffectiveAt}, ${horizonStart.toISOString()}::timestamptz)`;
  // One query: each active schedule's window and how many ledger rows fall in it.
  const rows = await db
    .select({
      id: taskSchedules.id,
      pattern: taskSchedules.pattern,
      timeOfDay: taskSchedules.timeOfDay,
      timeZone: taskSchedules.timeZone,
      startDate: taskSchedules.startDate,
      endDate: taskSchedules.endDate,
      windowFrom: windowFrom.mapWith((v: string | Date) => new Date(v)),
      windowThrough: taskSchedules.accountedThrough,
      recorded:
        sql<number>`(select count(*) from ${schedulePeriods} p where p.schedule_id = ${taskSchedules.id}
        and p.occurrence_at > ${windowFrom} and p.occurrence_at <= ${taskSchedules.accountedThrough})`.mapWith(
          Number,
        ),
    })
    .from(taskSchedules)
    .where(
      and(eq(taskSchedules.active, true), sql`${taskSchedules.accountedThrough} > ${windowFrom}`),
    );

  const differing = rows.filter(
    (r: Candidate) => countOccurrences(r, r.windowFrom, r.windowThrough) !== r.recorded,
  );
  let repaired = 0;
  let tasks = 0;
  let missed = 0;
  for (const candidate of differing) {
    const result = await repairSchedule(db, candidate.id, { ...options, horizonStart });
    if (result && result.tasks + result.missed > 0) {
      repaired += 1;
      tasks += result.tasks;
      missed += result.missed;
    }
  }
  return {
    schedules: rows.length,
    differing: differing.length,
    repaired,
    tasks,
    missed,
    ms: Date.now() - started,
  };
}

/** Enumerates the window with the recurrence library and accounts for each period without a row. */
async function repairSchedule(
  db: Db,
  scheduleId: string,
  options: { now: Date; horizonStart: Date; catchUpLimit: number },
) {
  return db.transaction(async (tx) => {
    // A schedule being generated or edited right now is skipped: the next reconcile sees it.
    const [schedule] = await tx
      .select()
      .from(taskSchedules)
      .where(and(eq(taskSchedules.id, scheduleId), eq(taskSchedules.active, true)))
      .for('update', { skipLocked: true });
    if (!schedule) return null;
    const from =
      schedule.ruleEffectiveAt > options.horizonStart
        ? schedule.ruleEffectiveAt
        : options.horizonStart;
    const occurrences = occurrencesBetween(schedule.rrule, from, schedule.accountedThrough);
    return accountForOccurrences(tx, schedule, occurrences, {
      now: options.now,
      cause: { kind: 'reconciliation' },
      catchUpLimit: options.catchUpLimit,
    });
  });
}
