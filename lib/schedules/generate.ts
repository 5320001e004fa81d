import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { taskSchedules, tasks, type Task, type TaskSchedule } from '@/db/schema';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { generatePeriodTask, ledgerRows, periodKeyOf, periodLabelOf } from './generate-period';
import { lateReasonFor } from './late-policy';
import { nextOccurrence, previousOccurrence } from './recurrence';

export { taskTitleFor } from './generate-period';

export async function getSchedule(
  db: DbOrTx,
  scheduleId: string,
): Promise<TaskSchedule | undefined> {
  const [schedule] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, scheduleId));
  return schedule;
}

/**
 * "Generate now": the task of the current period (the latest occurrence so far, or the
 * first one when the schedule has not started yet), unless its period is already in the
 * ledger. Under the schedule's row lock, like the generator, so the two never race.
 */
export async function generateNow(
  db: Db,
  actor: Actor,
  scheduleId: string,
  now = new Date(),
): Promise<{ task: Task; created: boolean }> {
  assertCan(actor, 'schedules.manage');
  return db.transaction(async (tx) => {
    const [schedule] = await tx
      .select()
      .from(taskSchedules)
      .where(eq(taskSchedules.id, scheduleId))
      .for('update');
    if (!schedule) throw new NotFoundError('That task schedule does not exist.');
    const occurrence =
      previousOccurrence(schedule.rrule, now) ?? nextOccurrence(schedule.rrule, now);
    if (!occurrence)
      throw new ValidationError(
        { _form: 'This schedule has ended: it has no occurrence to generate.' },
        'This schedule has ended.',
      );

    const periodKey = periodKeyOf(schedule, occurrence);
    const recorded = (await ledgerRows(tx, schedule.id, [periodKey])).get(periodKey);
    if (recorded?.taskId) {
      const [task] = await tx.select().from(tasks).where(eq(tasks.id, recorded.taskId));
      return { task, created: false };
    }
    if (recorded) {
      const label = periodLabelOf(schedule, occurrence);
      throw new ValidationError(
        {
          _form: `${label} is recorded as missed (${recorded.reason}); a missed period keeps that record.`,
        },
        `${label} is recorded as missed.`,
      );
    }
    // A period the cursor already owed and nobody generated comes late, and says so.
    const owed =
      schedule.active &&
      occurrence > schedule.accountedThrough &&
      occurrence > schedule.ruleEffectiveAt;
    const lateReason = owed ? lateReasonFor(occurrence, now, { kind: 'no-worker' }) : null;
    const { task } = await generatePeriodTask(tx, schedule, occurrence, {
      actor,
      lateReason,
      reason: `generated with "Generate now" by ${actorLabel(actor)}`,
    });
    return { task, created: true };
  });
}
