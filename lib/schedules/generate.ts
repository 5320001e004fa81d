import { and, eq, inArray, isNotNull, max } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { taskSchedules, tasks, teams, users, type Task, type TaskSchedule } from '@/db/schema';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { createTask } from '@/lib/tasks/create-task';
import { dueAtFor, isOccurrence, nextOccurrence, occurrencesBetween, periodLabel, previousOccurrence } from './recurrence';
import { periodKeyFor } from './period-key';
import { getSchedulePolicies, getScheduleWatchers } from './schedule-relations';

export const GENERATION_ACTOR = systemActor('worker:schedules');
/** A restarted worker creates at most this many missed occurrences per schedule. */
export const MAX_CATCH_UP = 12;
/** A scheduled job that runs later than this after its occurrence marks its task late. */
const LATE_AFTER_MS = 5 * 60_000;

export type GenerateResult = { task: Task; created: boolean } | { task: null; created: false; skipped: string };

/** "User Account Created — March 2027" */
export function taskTitleFor(schedule: Pick<TaskSchedule, 'name' | 'pattern' | 'timeZone'> & Partial<Pick<TaskSchedule, 'timeOfDay'>>, occurrenceAt: Date): string {
  const title = `${schedule.name} — ${periodLabel(occurrenceAt, schedule.pattern, schedule.timeZone, schedule.timeOfDay)}`;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/**
 * Creates the task of one occurrence unless it exists. The unique (schedule_id,
 * occurrence_at) index decides races: however many workers call this at once, one task
 * is created and the others get it back with `created: false`.
 */
export async function generateOccurrence(
  db: Db,
  schedule: TaskSchedule,
  occurrenceAt: Date,
  options: { late: boolean; actor?: Actor },
): Promise<GenerateResult> {
  const [existing] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.scheduleId, schedule.id), eq(tasks.periodKey, periodKeyFor(occurrenceAt, schedule.pattern, schedule.timeZone, schedule.timeOfDay))));
  if (existing) return { task: existing, created: false };

  // People leave: a deactivated owner or watcher must not stop the review from being created.
  const [watchers, policies, owner] = await Promise.all([getScheduleWatchers(db, schedule.id), getSchedulePolicies(db, schedule.id), activeOwner(db, schedule)]);
  return createTask(db, options.actor ?? GENERATION_ACTOR, {
    title: taskTitleFor(schedule, occurrenceAt),
    owner,
    watchers: watchers.filter((w) => w.active).map((w) => ({ userId: w.userId, frequency: w.frequency })),
    dueAt: dueAtFor(occurrenceAt, schedule.dueInDays, schedule.timeZone),
    description: schedule.description,
    policyIds: policies.map((p) => p.id),
    tags: schedule.tags,
    query: schedule.query,
    scheduleId: schedule.id,
    occurrenceAt,
    periodKey: periodKeyFor(occurrenceAt, schedule.pattern, schedule.timeZone, schedule.timeOfDay),
    generatedLate: options.late,
  });
}

async function activeOwner(db: DbOrTx, schedule: TaskSchedule): Promise<string> {
  if (schedule.ownerUserId) {
    const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, schedule.ownerUserId));
    return user?.active ? `user:${schedule.ownerUserId}` : '';
  }
  if (schedule.ownerTeamId) {
    const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, schedule.ownerTeamId));
    return team ? `team:${schedule.ownerTeamId}` : '';
  }
  return '';
}

export async function getSchedule(db: DbOrTx, scheduleId: string): Promise<TaskSchedule | undefined> {
  const [schedule] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, scheduleId));
  return schedule;
}

/**
 * What a fired Job Scheduler job does. The job may be stale (fired for a recurrence since
 * edited, or a schedule since paused): PostgreSQL decides, not Redis.
 */
export async function generateScheduledOccurrence(db: Db, scheduleId: string, occurrenceAt: Date, now = new Date()): Promise<GenerateResult> {
  const schedule = await getSchedule(db, scheduleId);
  if (!schedule) return { task: null, created: false, skipped: 'schedule not found' };
  if (!schedule.active) return { task: null, created: false, skipped: 'schedule paused' };
  if (!isOccurrence(schedule.rrule, occurrenceAt)) return { task: null, created: false, skipped: 'not an occurrence of the current recurrence' };
  return generateOccurrence(db, schedule, occurrenceAt, { late: now.getTime() - occurrenceAt.getTime() > LATE_AFTER_MS });
}

/**
 * "Generate now": the task of the current period (the latest occurrence so far, or the
 * first one when the schedule has not started yet), unless it exists.
 */
export async function generateNow(db: Db, actor: Actor, scheduleId: string, now = new Date()): Promise<{ task: Task; created: boolean }> {
  assertCan(actor, 'schedules.manage');
  const schedule = await getSchedule(db, scheduleId);
  if (!schedule) throw new NotFoundError('That task schedule does not exist.');
  const occurrence = previousOccurrence(schedule.rrule, now) ?? nextOccurrence(schedule.rrule, now);
  if (!occurrence) throw new ValidationError({ _form: 'This schedule has ended: it has no occurrence to generate.' }, 'This schedule has ended.');
  const result = await generateOccurrence(db, schedule, occurrence, { late: false, actor });
  if (!result.task) throw new Error(result.skipped);
  return result;
}

/** The newest generated occurrence of each schedule. */
async function lastOccurrences(db: Db, scheduleIds: string[]): Promise<Map<string, Date>> {
  if (!scheduleIds.length) return new Map();
  const rows = await db
    .select({ scheduleId: tasks.scheduleId, last: max(tasks.occurrenceAt) })
    .from(tasks)
    .where(and(isNotNull(tasks.scheduleId), inArray(tasks.scheduleId, scheduleIds)))
    .groupBy(tasks.scheduleId);
  return new Map(rows.filter((r) => r.last).map((r) => [r.scheduleId!, r.last!]));
}

/** Occurrences a schedule missed: after its last task (or its activation), up to now, the latest 12. */
export function missedOccurrences(schedule: TaskSchedule, lastGenerated: Date | undefined, now: Date): Date[] {
  const activated = schedule.activatedAt ?? schedule.createdAt;
  const floor = lastGenerated && lastGenerated > activated ? lastGenerated : new Date(activated.getTime() - 1);
  if (floor >= now) return [];
  return occurrencesBetween(schedule.rrule, floor, now).slice(-MAX_CATCH_UP);
}

/**
 * At worker start: creates the occurrences every active schedule missed while no worker
 * ran (or Redis lost its schedulers), each marked "generated late".
 */
export async function catchUpMissedOccurrences(db: Db, now = new Date(), options: { concurrency?: number } = {}): Promise<{ schedules: number; created: number }> {
  const active = await db.select().from(taskSchedules).where(eq(taskSchedules.active, true));
  let created = 0;
  const batchSize = 500;
  for (let i = 0; i < active.length; i += batchSize) {
    const batch = active.slice(i, i + batchSize);
    const last = await lastOccurrences(db, batch.map((s) => s.id));
    const work = batch.flatMap((schedule) => missedOccurrences(schedule, last.get(schedule.id), now).map((at) => ({ schedule, at })));
    await runLimited(work, options.concurrency ?? 4, async ({ schedule, at }) => {
      const result = await generateOccurrence(db, schedule, at, { late: true });
      if (result.created) created += 1;
    });
  }
  return { schedules: active.length, created };
}

export async function runLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

