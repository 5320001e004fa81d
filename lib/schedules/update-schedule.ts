import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { taskSchedules, type FieldChanges, type TaskSchedule } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { ownerKey } from '@/lib/owners/owner';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';
import { assertReferencesExist } from '@/lib/tickets/assert-references';
import { parseInput } from '@/lib/validation';
import { accountForOccurrences } from './account-periods';
import { DEFAULT_CATCH_UP_LIMIT, type LateCause } from './late-policy';
import {
  assertPeriodChangeConfirmed,
  generateCurrentPeriod,
  nextPeriodInWords,
  nextTaskOccurrence,
} from './period-change';
import {
  nextOccurrence,
  occurrencesBetween,
  recurrenceInWords,
  recurrenceSchema,
  toRruleString,
  type Recurrence,
} from './recurrence';
import {
  describeSchedulePolicies,
  describeScheduleWatchers,
  replaceSchedulePolicies,
  replaceScheduleWatchers,
} from './schedule-relations';
import { updateScheduleInput, type UpdateScheduleInput } from './schemas';

export function recurrenceOf(schedule: TaskSchedule): Recurrence {
  return {
    pattern: schedule.pattern,
    timeOfDay: schedule.timeOfDay,
    timeZone: schedule.timeZone,
    startDate: schedule.startDate,
    endDate: schedule.endDate,
  };
}

async function loadForUpdate(
  tx: Tx,
  actor: Actor,
  scheduleId: string,
  expectedVersion?: number,
): Promise<TaskSchedule> {
  const [schedule] = await tx
    .select()
    .from(taskSchedules)
    .where(eq(taskSchedules.id, scheduleId))
    .for('update');
  if (!schedule) throw new NotFoundError('That task schedule does not exist.');
  if (expectedVersion !== undefined && schedule.version !== expectedVersion)
    throw await changedByConflict(tx, actor, schedule, 'This schedule');
  return schedule;
}

export type UpdateScheduleOptions = { now?: Date; catchUpLimit?: number };

/** Fields an edit stores as given (the recurrence and the owner are worked out first). */
const PLAIN_FIELDS = [
  'name',
  'description',
  'query',
  'tags',
  'groupName',
  'dueInDays',
  'active',
] as const;

/**
 * Edits a schedule against the version the editor saw. Tasks already generated never
 * change. A recurrence edit, a pause or a resume at instant E moves the generation cursor:
 * the old rule's periods up to E are accounted for first, the current period is never
 * skipped, and the new rule owes its occurrences after E (see period-change.ts).
 */
export async function updateSchedule(
  db: DbOrTx,
  actor: Actor,
  scheduleId: string,
  rawInput: UpdateScheduleInput,
  options: UpdateScheduleOptions = {},
): Promise<TaskSchedule> {
  assertCan(actor, 'schedules.manage');
  const input = parseInput(updateScheduleInput, rawInput);
  const now = options.now ?? new Date();

  return db.transaction(async (tx) => {
    const before = await loadForUpdate(tx, actor, scheduleId, input.version);
    await assertReferencesExist(tx, input);

    const recurrence = parseInput(recurrenceSchema, {
      pattern: input.pattern ?? before.pattern,
      timeOfDay: input.timeOfDay ?? before.timeOfDay,
      timeZone: input.timeZone ?? before.timeZone,
      startDate: input.startDate ?? before.startDate,
      endDate: input.endDate !== undefined ? input.endDate : before.endDate,
    });
    const fields: Partial<TaskSchedule> = { ...recurrence, rrule: toRruleString(recurrence) };
    for (const key of PLAIN_FIELDS) {
      if (input[key] !== undefined) Object.assign(fields, { [key]: input[key] });
    }
    if (input.owner) Object.assign(fields, input.owner);
    const active = fields.active ?? before.active;
    const ruleChanged = before.rrule !== fields.rrule;
    if (active && !before.active) fields.activatedAt = now;
    if (before.active && active && ruleChanged)
      await assertPeriodChangeConfirmed(
        tx,
        before,
        fields as TaskSchedule,
        now,
        input.confirmPeriodChange === true,
      );

    const changes: FieldChanges = diffFields(before, fields, PLAIN_FIELDS);
    const oldWords = recurrenceInWords(recurrenceOf(before));
    const newWords = recurrenceInWords(recurrence);
    if (before.rrule !== fields.rrule || oldWords !== newWords)
      changes.recurrence = { old: oldWords, new: newWords };
    if (input.owner && ownerKey(input.owner) !== ownerKey(before)) {
      changes.owner = { old: ownerKey(before) || null, new: ownerKey(input.owner) || null };
    }
    if (input.watchers) {
      const old = await describeScheduleWatchers(tx, scheduleId);
      await replaceScheduleWatchers(tx, scheduleId, input.watchers);
      const now = await describeScheduleWatchers(tx, scheduleId);
      if (old.join('|') !== now.join('|')) changes.watchers = { old, new: now };
    }
    if (input.policyIds) {
      const old = await describeSchedulePolicies(tx, scheduleId);
      await replaceSchedulePolicies(tx, scheduleId, input.policyIds);
      const now = await describeSchedulePolicies(tx, scheduleId);
      if (old.join('|') !== now.join('|')) changes.policies = { old, new: now };
    }
    if (Object.keys(changes).length === 0) return before;

    // The cursor. What the old rule owed up to now is accounted for under the old rule.
    const cursorMoves = before.active !== active || (active && ruleChanged);
    if (cursorMoves) {
      if (before.active) {
        const cause: LateCause =
          before.generationFailures > 0
            ? { kind: 'generation-failed', error: before.lastGenerationError ?? 'unknown error' }
            : { kind: 'no-worker' };
        const owed = occurrencesBetween(before.rrule, before.accountedThrough, now);
        await accountForOccurrences(tx, before, owed, {
          now,
          cause,
          catchUpLimit: options.catchUpLimit ?? DEFAULT_CATCH_UP_LIMIT,
        });
      }
      const next = active ? nextOccurrence(fields.rrule!, now) : null;
      Object.assign(fields, {
        accountedThrough: now,
        nextOccurrenceAt: next,
        generationFailures: 0,
        lastGenerationError: null,
      });
      // Periods while paused are not owed: a resumed or re-ruled schedule owes what follows now.
      if (active) fields.ruleEffectiveAt = now;
    }

    const [after] = await tx
      .update(taskSchedules)
      .set({
        ...fields,
        updatedAt: sql`now()`,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        version: sql`${taskSchedules.version} + 1`,
      })
      .where(eq(taskSchedules.id, scheduleId))
      .returning();
    if (before.active && active && ruleChanged) {
      const task = await generateCurrentPeriod(tx, actor, before, after, now);
      if (task)
        changes.currentPeriodTask = { old: null, new: `TASK-${task.number} (recurrence changed)` };
    }
    if (cursorMoves) {
      const newNext = active ? await nextTaskOccurrence(tx, after, now) : null;
      changes.nextPeriod = {
        old: before.active ? nextPeriodInWords(before, before.nextOccurrenceAt) : null,
        new: active ? nextPeriodInWords(after, newNext) : null,
      };
    }
    const onlyActive =
      changes.active && Object.keys(changes).every((k) => k === 'active' || k === 'nextPeriod');
    const action = onlyActive
      ? after.active
        ? 'schedule.resumed'
        : 'schedule.paused'
      : 'schedule.updated';
    await recordActivity(tx, actor, {
      action,
      entityType: 'schedule',
      entityId: scheduleId,
      changes,
    });
    return after;
  });
}

/** Pause or resume: the same edit, named for what the button says. */
export async function setScheduleActive(
  db: DbOrTx,
  actor: Actor,
  scheduleId: string,
  input: { version: number; active: boolean },
  options: UpdateScheduleOptions = {},
): Promise<TaskSchedule> {
  return updateSchedule(db, actor, scheduleId, input, options);
}
