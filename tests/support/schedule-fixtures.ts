import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { taskSchedules } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { nextOccurrence } from '@/lib/schedules/recurrence';
import type { CreateScheduleInput } from '@/lib/schedules/schemas';

export const testActor = systemActor('test');

/** A daily rule whose next run is at `at` (to the second): schedules that fire while a test waits. */
export function dailyRuleAt(at: Date): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 19).replaceAll(':', '')}`;
  return `DTSTART;TZID=UTC:${stamp}\nRRULE:FREQ=DAILY`;
}

/**
 * Creates `count` active schedules; with `firesInMs`, their RRULE is moved to fire that long
 * after they exist; with `activatedAt`, they owe every occurrence since then.
 */
export async function createSchedules(
  db: Db,
  count: number,
  options: { firesInMs?: number; name?: string; activatedAt?: Date } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const schedule = await createSchedule(db, testActor, {
      name: `${options.name ?? 'Review'} ${i + 1}`,
      pattern: { kind: 'monthly-day', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
      dueInDays: 4,
    });
    ids.push(schedule.id);
  }
  if (options.firesInMs !== undefined) {
    const rrule = dailyRuleAt(new Date(Date.now() + options.firesInMs));
    await db.update(taskSchedules).set({ rrule }).where(inArray(taskSchedules.id, ids));
  }
  if (options.firesInMs !== undefined || options.activatedAt) {
    for (const id of ids) await placeCursor(db, id, options.activatedAt ?? new Date());
  }
  return ids;
}

export async function setActivatedAt(db: Db, id: string, at: Date): Promise<void> {
  await db.update(taskSchedules).set({ activatedAt: at }).where(eq(taskSchedules.id, id));
}

/**
 * As if the schedule had been created (or last edited) at `at`: it owes the occurrences of
 * its rule after `at`, and its cursor points at the first of them.
 */
export async function placeCursor(db: Db, id: string, at: Date): Promise<void> {
  const [schedule] = await db
    .select({ rrule: taskSchedules.rrule })
    .from(taskSchedules)
    .where(eq(taskSchedules.id, id));
  await db
    .update(taskSchedules)
    .set({
      activatedAt: at,
      ruleEffectiveAt: at,
      accountedThrough: at,
      nextOccurrenceAt: nextOccurrence(schedule.rrule, at),
    })
    .where(eq(taskSchedules.id, id));
}

/** One active schedule with the given rule (UTC, 08:00, monthly on the 1st unless told), its cursor at `at`. */
export async function createScheduleAt(
  db: Db,
  at: Date,
  input: Partial<CreateScheduleInput> = {},
): Promise<string> {
  const schedule = await createSchedule(db, testActor, {
    name: 'Review',
    pattern: { kind: 'monthly-day', day: 1 },
    timeOfDay: '08:00',
    timeZone: 'UTC',
    startDate: '2026-01-01',
    dueInDays: 4,
    ...input,
  });
  await placeCursor(db, schedule.id, at);
  return schedule.id;
}
