import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { schedulePeriods, type SchedulePeriod, type Task, type TaskSchedule } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { queueAdministratorNotice } from '@/lib/notifications/administrator-notice';
import { createTask } from '@/lib/tasks/create-task';
import { resolveGenerationOwner } from './generation-owner';
import { recordReviewEvidence } from './review-evidence';
import { periodKeyFor } from './period-key';
import { dueAtFor, periodLabel } from './recurrence';
import { getSchedulePolicies, getScheduleWatchers } from './schedule-relations';

// Writing one period of a schedule: its task and its ledger row, or its ledger row as a miss.
// Callers hold the schedule's row lock (FOR UPDATE) and have checked the ledger, so the
// ON CONFLICT clauses below only matter if that discipline is ever broken: the unique keys
// (tasks_schedule_period_key, the ledger's primary key) then still allow one row per period.

/** What decides a schedule's periods and their names. */
export type PeriodRule = Pick<TaskSchedule, 'pattern' | 'timeZone' | 'timeOfDay'>;

/** The period key of an occurrence (or of any instant: the period that holds it). */
export function periodKeyOf(rule: PeriodRule, at: Date): string {
  return periodKeyFor(at, rule.pattern, rule.timeZone, rule.timeOfDay);
}

/** "March 2027", "week of 2 March 2027" */
export function periodLabelOf(rule: PeriodRule, at: Date): string {
  return periodLabel(at, rule.pattern, rule.timeZone, rule.timeOfDay);
}

/** "User Account Created — March 2027" */
export function taskTitleFor(
  schedule: PeriodRule & Pick<TaskSchedule, 'name'>,
  occurrenceAt: Date,
): string {
  const title = `${schedule.name} — ${periodLabelOf(schedule, occurrenceAt)}`;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/** The ledger rows a schedule already has among `periodKeys`. */
export async function ledgerRows(
  db: DbOrTx,
  scheduleId: string,
  periodKeys: string[],
): Promise<Map<string, SchedulePeriod>> {
  if (!periodKeys.length) return new Map();
  const rows = await db
    .select()
    .from(schedulePeriods)
    .where(
      and(
        eq(schedulePeriods.scheduleId, scheduleId),
        inArray(schedulePeriods.periodKey, [...new Set(periodKeys)]),
      ),
    );
  return new Map(rows.map((r) => [r.periodKey, r]));
}

export type PeriodTaskOptions = {
  actor: Actor;
  /** Set when the task comes late: on the task and on the ledger row. */
  lateReason: string | null;
  /** The ledger row's reason when the task is on time ("recurrence changed"). */
  reason?: string;
  /** The due date counts from this instant instead of the occurrence (an edit's "now"). */
  dueFrom?: Date;
};

/** Creates the period's task and its ledger row. */
export async function generatePeriodTask(
  tx: Tx,
  schedule: TaskSchedule,
  occurrence: Date,
  options: PeriodTaskOptions,
): Promise<{ task: Task; created: boolean }> {
  const periodKey = periodKeyOf(schedule, occurrence);
  // People leave: a deactivated owner or watcher must not stop the review from being created.
  const [watchers, policies, owner] = await Promise.all([
    getScheduleWatchers(tx, schedule.id),
    getSchedulePolicies(tx, schedule.id),
    resolveGenerationOwner(tx, schedule),
  ]);
  const dueFrom = options.dueFrom && options.dueFrom > occurrence ? options.dueFrom : occurrence;
  const result = await createTask(tx, options.actor, {
    title: taskTitleFor(schedule, occurrence),
    owner: owner.owner,
    watchers: watchers
      .filter((w) => w.active)
      .map((w) => ({ userId: w.userId, frequency: w.frequency })),
    dueAt: dueAtFor(dueFrom, schedule.dueInDays, schedule.timeZone),
    description: schedule.description,
    policyIds: policies.map((p) => p.id),
    tags: schedule.tags,
    query: schedule.query,
    scheduleId: schedule.id,
    occurrenceAt: occurrence,
    periodKey,
    generatedLate: options.lateReason !== null,
    lateReason: options.lateReason ?? undefined,
    ownerFallback: owner.fallbackReason ?? undefined,
  });
  if (!result.created) return result;
  await recordReviewEvidence(tx, schedule, result.task, occurrence);

  if (owner.fallbackReason) {
    await queueAdministratorNotice(tx, {
      kind: 'owner-fallback',
      scheduleId: schedule.id,
      reason: owner.fallbackReason,
      fallbackOwner: owner.owner,
    });
  }
  const [recorded] = await tx
    .insert(schedulePeriods)
    .values({
      scheduleId: schedule.id,
      periodKey,
      occurrenceAt: occurrence,
      outcome: 'task',
      taskId: result.task.id,
      reason: options.lateReason ?? options.reason ?? '',
    })
    .onConflictDoNothing()
    .returning({ periodKey: schedulePeriods.periodKey });
  // A task without its ledger row would be a period counted twice: undo it all.
  if (!recorded)
    throw new Error(`period ${periodKey} of schedule ${schedule.id} was recorded concurrently`);
  return result;
}

/** Records the periods as missed, with why, in one statement; returns the occurrences recorded (those without a row). */
export async function recordMissedPeriods(
  tx: Tx,
  schedule: TaskSchedule,
  occurrences: Date[],
  reason: string,
): Promise<Date[]> {
  if (!occurrences.length) return [];
  const recorded = await tx
    .insert(schedulePeriods)
    .values(
      occurrences.map((at) => ({
        scheduleId: schedule.id,
        periodKey: periodKeyOf(schedule, at),
        occurrenceAt: at,
        outcome: 'missed' as const,
        reason,
      })),
    )
    .onConflictDoNothing()
    .returning({ occurrenceAt: schedulePeriods.occurrenceAt });
  return recorded.map((r) => r.occurrenceAt);
}
