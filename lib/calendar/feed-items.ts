import { and, asc, between, eq, exists, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  schedulePeriods,
  scheduleWatchers,
  taskSchedules,
  tasks,
  taskWatchers,
  teamMembers,
} from '@/db/schema';
import { periodKeyOf } from '@/lib/schedules/generate-period';
import { occurrencesBetween } from '@/lib/schedules/recurrence';
import {
  occurrenceEvent,
  taskEvent,
  type FeedEvent,
  type FeedSchedule,
  type FeedTask,
} from './feed-events';

// What each feed holds (README, "Calendar feeds"):
// - a person's: the open tasks with a due date that they own (themselves or through a team)
//   or watch, and the upcoming occurrences of the active schedules they own or watch;
// - a schedule's: its upcoming occurrences and its own open tasks with a due date.
// Bounded so that a feed stays a calendar and not an export: due dates within a year
// either side of now, occurrences within the next 90 days, and a cap on each.

export const OCCURRENCE_HORIZON_DAYS = 90;
export const TASK_WINDOW_DAYS = 365;
export const MAX_TASK_EVENTS = 1000;
export const MAX_OCCURRENCE_EVENTS = 2000;

const DAY_MS = 86_400_000;

const taskColumns = {
  id: tasks.id,
  number: tasks.number,
  title: tasks.title,
  dueAt: tasks.dueAt,
  updatedAt: tasks.updatedAt,
  version: tasks.version,
};

const scheduleColumns = {
  id: taskSchedules.id,
  name: taskSchedules.name,
  pattern: taskSchedules.pattern,
  timeZone: taskSchedules.timeZone,
  timeOfDay: taskSchedules.timeOfDay,
  dueInDays: taskSchedules.dueInDays,
  updatedAt: taskSchedules.updatedAt,
  version: taskSchedules.version,
  rrule: taskSchedules.rrule,
};

function openTasksDue(now: Date) {
  return and(
    eq(tasks.state, 'open'),
    isNotNull(tasks.dueAt),
    between(
      tasks.dueAt,
      new Date(now.getTime() - TASK_WINDOW_DAYS * DAY_MS),
      new Date(now.getTime() + TASK_WINDOW_DAYS * DAY_MS),
    ),
  );
}

function teamsOf(userId: string) {
  return sql`(select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${userId})`;
}

async function personTasks(db: DbOrTx, userId: string, now: Date): Promise<FeedTask[]> {
  return db
    .select(taskColumns)
    .from(tasks)
    .where(
      and(
        openTasksDue(now),
        or(
          eq(tasks.ownerUserId, userId),
          inArray(tasks.ownerTeamId, teamsOf(userId)),
          exists(
            db
              .select({ one: sql`1` })
              .from(taskWatchers)
              .where(and(eq(taskWatchers.taskId, tasks.id), eq(taskWatchers.userId, userId))),
          ),
        ),
      ),
    )
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(MAX_TASK_EVENTS);
}

async function personSchedules(db: DbOrTx, userId: string) {
  return db
    .select(scheduleColumns)
    .from(taskSchedules)
    .where(
      and(
        eq(taskSchedules.active, true),
        or(
          eq(taskSchedules.ownerUserId, userId),
          inArray(taskSchedules.ownerTeamId, teamsOf(userId)),
          exists(
            db
              .select({ one: sql`1` })
              .from(scheduleWatchers)
              .where(
                and(
                  eq(scheduleWatchers.scheduleId, taskSchedules.id),
                  eq(scheduleWatchers.userId, userId),
                ),
              ),
          ),
        ),
      ),
    )
    .orderBy(asc(taskSchedules.id));
}

/**
 * The occurrences of the next OCCURRENCE_HORIZON_DAYS, less the periods whose task (or
 * miss) is already recorded: "Generate now" made that task early, and it is in the feed
 * as a task if its owner's.
 */
async function upcomingOccurrences(
  db: DbOrTx,
  schedules: (FeedSchedule & { rrule: string })[],
  now: Date,
  baseUrl: string,
): Promise<FeedEvent[]> {
  const until = new Date(now.getTime() + OCCURRENCE_HORIZON_DAYS * DAY_MS);
  const upcoming = schedules.flatMap((schedule) =>
    occurrencesBetween(schedule.rrule, now, until).map((at) => ({
      schedule,
      at,
      periodKey: periodKeyOf(schedule, at),
    })),
  );
  upcoming.sort((a, b) => a.at.getTime() - b.at.getTime());
  const kept = upcoming.slice(0, MAX_OCCURRENCE_EVENTS);
  if (!kept.length) return [];
  const recorded = await db
    .select({ scheduleId: schedulePeriods.scheduleId, periodKey: schedulePeriods.periodKey })
    .from(schedulePeriods)
    .where(
      and(
        inArray(schedulePeriods.scheduleId, [...new Set(kept.map((o) => o.schedule.id))]),
        inArray(schedulePeriods.periodKey, [...new Set(kept.map((o) => o.periodKey))]),
      ),
    );
  const taken = new Set(recorded.map((r) => `${r.scheduleId} ${r.periodKey}`));
  return kept
    .filter((o) => !taken.has(`${o.schedule.id} ${o.periodKey}`))
    .map((o) => occurrenceEvent(o.schedule, o.at, o.periodKey, baseUrl));
}

function withDueDate(task: FeedTask): task is FeedTask & { dueAt: Date } {
  return task.dueAt !== null;
}

/** A person's feed, its events in the person's zone (occurrences in their schedule's). */
export async function getPersonFeedEvents(
  db: DbOrTx,
  person: { id: string; timeZone: string },
  baseUrl: string,
  now = new Date(),
): Promise<FeedEvent[]> {
  const [owned, schedules] = await Promise.all([
    personTasks(db, person.id, now),
    personSchedules(db, person.id),
  ]);
  return [
    ...owned.filter(withDueDate).map((task) => taskEvent(task, person.timeZone, baseUrl)),
    ...(await upcomingOccurrences(db, schedules, now, baseUrl)),
  ];
}

/** A schedule's team feed, in the schedule's zone. */
export async function getScheduleFeedEvents(
  db: DbOrTx,
  schedule: FeedSchedule & { rrule: string; active: boolean },
  baseUrl: string,
  now = new Date(),
): Promise<FeedEvent[]> {
  const own = await db
    .select(taskColumns)
    .from(tasks)
    .where(and(openTasksDue(now), eq(tasks.scheduleId, schedule.id)))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(MAX_TASK_EVENTS);
  return [
    ...own.filter(withDueDate).map((task) => taskEvent(task, schedule.timeZone, baseUrl)),
    ...(schedule.active ? await upcomingOccurrences(db, [schedule], now, baseUrl) : []),
  ];
}
