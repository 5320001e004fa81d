import { and, asc, eq, isNull, lte, min, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { taskSchedules } from '@/db/schema';
import { queueAdministratorNotice } from '@/lib/notifications/administrator-notice';
import { accountForOccurrences, type AccountResult } from './account-periods';
import { periodKeyOf, recordMissedPeriods } from './generate-period';
import type { LateCause } from './late-policy';
import { nextOccurrence, occurrencesBetween } from './recurrence';

// The generator's steps, each its own short transaction on one schedule (jobs/schedule-generator.ts
// runs them in a loop). PostgreSQL is the only state: the cursor (accounted_through,
// next_occurrence_at) says what is due, and the schedule's row lock says who works on it.

/** After this many consecutive failures on one occurrence it is recorded as missed. */
export const MAX_GENERATION_FAILURES = 10;

/** Active schedules whose cursor has come due, most overdue first. */
export async function dueScheduleIds(
  db: Db,
  now: Date,
  limit: number,
  excluded: string[] = [],
): Promise<string[]> {
  const rows = await db
    .select({ id: taskSchedules.id })
    .from(taskSchedules)
    .where(
      and(
        eq(taskSchedules.active, true),
        lte(taskSchedules.nextOccurrenceAt, now),
        excluded.length ? notInArray(taskSchedules.id, excluded) : undefined,
      ),
    )
    .orderBy(asc(taskSchedules.nextOccurrenceAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The earliest cursor of an active schedule: when the generator has work next. */
export async function nextDueAt(db: Db, excluded: string[] = []): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(taskSchedules.nextOccurrenceAt) })
    .from(taskSchedules)
    .where(
      and(
        eq(taskSchedules.active, true),
        excluded.length ? notInArray(taskSchedules.id, excluded) : undefined,
      ),
    );
  return row?.at ?? null;
}

/**
 * Accounts for every occurrence of the current rule in (accounted_through, now] and moves
 * the cursor past now. Null when another worker holds the schedule or it is no longer due
 * (paused, edited, done by someone else): nothing to do here.
 */
export async function generateDueSchedule(
  db: Db,
  scheduleId: string,
  options: { now: Date; catchUpLimit: number },
): Promise<AccountResult | null> {
  return db.transaction(async (tx) => {
    const [schedule] = await tx
      .select()
      .from(taskSchedules)
      .where(
        and(
          eq(taskSchedules.id, scheduleId),
          eq(taskSchedules.active, true),
          lte(taskSchedules.nextOccurrenceAt, options.now),
        ),
      )
      .for('update', { skipLocked: true });
    if (!schedule) return null;
    const cause: LateCause =
      schedule.generationFailures > 0
        ? { kind: 'generation-failed', error: schedule.lastGenerationError ?? 'unknown error' }
        : { kind: 'no-worker' };
    const occurrences = occurrencesBetween(schedule.rrule, schedule.accountedThrough, options.now);
    const result = await accountForOccurrences(tx, schedule, occurrences, {
      now: options.now,
      cause,
      catchUpLimit: options.catchUpLimit,
    });
    await tx
      .update(taskSchedules)
      .set({
        accountedThrough: options.now,
        nextOccurrenceAt: nextOccurrence(schedule.rrule, options.now),
        generationFailures: 0,
        lastGenerationError: null,
      })
      .where(eq(taskSchedules.id, scheduleId));
    return result;
  });
}

/** Counts a failed attempt in its own statement (the attempt itself was rolled back); returns the count. */
export async function recordGenerationFailure(
  db: Db,
  scheduleId: string,
  message: string,
): Promise<number> {
  const [row] = await db
    .update(taskSchedules)
    .set({
      generationFailures: sql`${taskSchedules.generationFailures} + 1`,
      lastGenerationError: message.slice(0, 2000),
    })
    .where(eq(taskSchedules.id, scheduleId))
    .returning({ failures: taskSchedules.generationFailures });
  return row?.failures ?? 0;
}

/**
 * After MAX_GENERATION_FAILURES: the occurrence at the cursor is recorded as missed with the
 * error, administrators are told, and the cursor moves on so the following periods get
 * their chance. Returns the period key recorded, or null when there was nothing to give up.
 */
export async function giveUpOnOccurrence(
  db: Db,
  scheduleId: string,
  message: string,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [schedule] = await tx
      .select()
      .from(taskSchedules)
      .where(eq(taskSchedules.id, scheduleId))
      .for('update', { skipLocked: true });
    if (!schedule?.active || !schedule.nextOccurrenceAt) return null;
    const occurrence = schedule.nextOccurrenceAt;
    const reason = `generation failed ${schedule.generationFailures} times in a row: ${message}`;
    if ((await recordMissedPeriods(tx, schedule, [occurrence], reason)).length) {
      await queueAdministratorNotice(tx, {
        kind: 'periods-missed',
        scheduleId,
        periods: [{ periodKey: periodKeyOf(schedule, occurrence), occurrenceAt: occurrence }],
        reason,
      });
    }
    await tx
      .update(taskSchedules)
      .set({
        accountedThrough: occurrence,
        nextOccurrenceAt: nextOccurrence(schedule.rrule, occurrence),
        generationFailures: 0,
      })
      .where(eq(taskSchedules.id, scheduleId));
    return periodKeyOf(schedule, occurrence);
  });
}

/**
 * Active schedules without a cursor (just migrated, or their rule had ended when last
 * looked at) get the first occurrence after accounted_through; those whose rule has ended
 * keep null. Run at start, not every pass: ended rules are not recomputed every second.
 */
export async function initialiseCursors(db: Db): Promise<{ initialised: number; ended: number }> {
  const rows = await db
    .select({
      id: taskSchedules.id,
      rrule: taskSchedules.rrule,
      accountedThrough: taskSchedules.accountedThrough,
    })
    .from(taskSchedules)
    .where(and(eq(taskSchedules.active, true), isNull(taskSchedules.nextOccurrenceAt)));
  let initialised = 0;
  for (const row of rows) {
    const next = nextOccurrence(row.rrule, row.accountedThrough);
    if (!next) continue;
    await db
      .update(taskSchedules)
      .set({ nextOccurrenceAt: next })
      .where(
        and(
          eq(taskSchedules.id, row.id),
          eq(taskSchedules.active, true),
          isNull(taskSchedules.nextOccurrenceAt),
          eq(taskSchedules.rrule, row.rrule),
        ),
      );
    initialised += 1;
  }
  return { initialised, ended: rows.length - initialised };
}
