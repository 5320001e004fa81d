import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { tasks, type TaskSchedule } from '@/db/schema';
import { ownerLabel } from '@/lib/owners/owner';
import { nextOccurrences, recurrenceInWords } from './recurrence';
import { getSchedulePolicies, getScheduleWatchers } from './schedule-relations';
import { getSchedule } from './generate';
import { recurrenceOf } from './update-schedule';

export type TaskOutcome = 'on-time' | 'late' | 'overdue' | 'open' | 'invalid';
export const OUTCOME_LABELS: Record<TaskOutcome, string> = {
  'on-time': 'Completed on time',
  late: 'Completed late',
  overdue: 'Open and overdue',
  open: 'Open',
  invalid: 'Invalid',
};

export function taskOutcome(task: { state: string; dueAt: Date | null; closedAt: Date | null }, now: Date): TaskOutcome {
  if (task.state === 'invalid') return 'invalid';
  if (task.state === 'closed') return !task.dueAt || (task.closedAt && task.closedAt <= task.dueAt) ? 'on-time' : 'late';
  return task.dueAt && task.dueAt < now ? 'overdue' : 'open';
}

export type ScheduleDetail = Awaited<ReturnType<typeof getScheduleDetail>>;

/** Everything the schedule page and GET /api/v1/schedules/{id} show. */
export async function getScheduleDetail(db: DbOrTx, scheduleId: string, now = new Date()) {
  const schedule = await getSchedule(db, scheduleId);
  if (!schedule) return undefined;
  const [owner, watchers, policies, generated] = await Promise.all([
    ownerLabel(db, schedule),
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
  const record: Record<TaskOutcome, number> = { 'on-time': 0, late: 0, overdue: 0, open: 0, invalid: 0 };
  for (const t of withOutcome) record[t.outcome] += 1;
  return {
    schedule,
    ownerName: owner,
    recurrenceText: recurrenceInWords(recurrenceOf(schedule)),
    nextOccurrences: schedule.active ? nextOccurrences(schedule.rrule, now, 5) : [],
    watchers,
    policies,
    tasks: withOutcome,
    record,
  };
}

/** The JSON the API gives for a schedule. */
export function scheduleJson(schedule: TaskSchedule, extra: Record<string, unknown> = {}) {
  return {
    id: schedule.id,
    name: schedule.name,
    owner: schedule.ownerUserId ? `user:${schedule.ownerUserId}` : schedule.ownerTeamId ? `team:${schedule.ownerTeamId}` : '',
    description: schedule.description,
    query: schedule.query,
    pattern: schedule.pattern,
    timeOfDay: schedule.timeOfDay,
    timeZone: schedule.timeZone,
    startDate: schedule.startDate,
    endDate: schedule.endDate,
    recurrence: recurrenceInWords(recurrenceOf(schedule)),
    rrule: schedule.rrule,
    dueInDays: schedule.dueInDays,
    tags: schedule.tags,
    groupName: schedule.groupName,
    active: schedule.active,
    templateKey: schedule.templateKey,
    templateVersion: schedule.templateVersion,
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
    version: schedule.version,
    ...extra,
  };
}

