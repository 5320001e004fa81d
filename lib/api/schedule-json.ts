import { z } from 'zod';
import { watchFrequencyEnum, type TaskSchedule } from '@/db/schema';
import type { ScheduleDetail } from '@/lib/schedules/get-schedule-detail';
import { PERIOD_STATUSES } from '@/lib/schedules/task-outcome';
import { ORDINALS, recurrenceInWords, WEEKDAYS } from '@/lib/schedules/recurrence';
import { recurrenceOf } from '@/lib/schedules/update-schedule';
import { TASK_STATES, taskNumberLabel } from '@/lib/tasks/schemas';
import { isoOrNull, isoTimeJson, numberLabelJson, ownerJson, ticketPageJson } from './ticket-json';

// What the schedules API answers, as zod schemas: serializers typed by them and the OpenAPI
// document generated from them (as lib/api/task-json.ts does for tasks). Owners, task
// numbers, times and list pages have the same shapes as incidents' and tasks'.

const isoTime = isoTimeJson('2027-03-01T14:00:00.000Z');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: 'A calendar date in the schedule’s time zone.', example: '2027-03-01' });
const taskNumber = numberLabelJson('TASK', 2009);

/** The recurrence pattern as stored (requests take the same shape, lib/schedules/recurrence.ts). */
export const patternJson = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('daily') }),
    z.object({
      kind: z.literal('weekly'),
      interval: z.int().min(1).max(52),
      weekdays: z.array(z.enum(WEEKDAYS)),
    }),
    z.object({
      kind: z.literal('monthly-day'),
      day: z.int().min(1).max(31),
      interval: z.int().min(1).max(60).optional(),
    }),
    z.object({ kind: z.literal('monthly-last-day') }),
    z.object({
      kind: z.literal('monthly-weekday'),
      ordinal: z.union(ORDINALS.map((n) => z.literal(n))),
      weekday: z.enum(WEEKDAYS),
    }),
    z.object({ kind: z.literal('quarterly'), day: z.int().min(1).max(31) }),
    z.object({ kind: z.literal('semiannual'), day: z.int().min(1).max(31) }),
    z.object({ kind: z.literal('yearly'), month: z.int().min(1).max(12), day: z.int() }),
  ])
  .meta({ description: 'How often it repeats; `recurrence` says it in words.' });

/** One schedule: POST, the list and the library's copies answer with this. */
export const scheduleJson = z.object({
  id: z.uuid(),
  name: z.string(),
  owner: ownerJson,
  description: z.string().meta({ description: 'Markdown; copied into each generated task.' }),
  query: z.string().meta({ description: 'The event search each task records as evidence.' }),
  pattern: patternJson,
  timeOfDay: z.string().meta({ example: '08:00' }),
  timeZone: z.string().meta({ example: 'America/Chicago' }),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  recurrence: z.string().meta({ example: 'Every month on day 1 at 08:00, America/Chicago' }),
  rrule: z.string().meta({ description: 'The recurrence as an iCalendar RRULE.' }),
  dueInDays: z.int().meta({ description: 'Days after each occurrence its task is due.' }),
  tags: z.array(z.string()),
  groupName: z.string(),
  active: z.boolean().meta({ description: 'False when paused: no tasks are generated.' }),
  templateKey: z
    .string()
    .nullable()
    .meta({ description: 'The library template it was copied from.' }),
  templateVersion: z.int().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  version: z.int().meta({
    description:
      'Send it back with a PATCH (or as If-Match, the ETag): a stale version is refused with 409 (412 for If-Match).',
  }),
});
export type ScheduleJson = z.infer<typeof scheduleJson>;

/** GET /api/v1/schedules. */
export const schedulePageJson = ticketPageJson(
  scheduleJson,
  'Matching schedules, exact up to 10,000.',
);
export type SchedulePageJson = z.infer<typeof schedulePageJson>;

const generatedTaskJson = z.object({
  id: z.uuid(),
  number: taskNumber,
  title: z.string(),
  state: z.enum(TASK_STATES),
  occurrenceAt: isoTime.nullable(),
  dueAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  generatedLate: z.boolean(),
  outcome: z.enum(PERIOD_STATUSES.filter((s) => s !== 'missed') as [string, ...string[]]),
});

/** GET and PATCH /api/v1/schedules/{id}: the schedule with its relations, record and tasks. */
export const scheduleDetailJson = scheduleJson.extend({
  ownerFallback: z
    .object({ tasksGoTo: z.string(), reason: z.string() })
    .nullable()
    .meta({ description: 'When the owner cannot take its tasks: who does, and why.' }),
  generationError: z
    .object({ failures: z.int(), message: z.string() })
    .nullable()
    .meta({ description: 'The next period could not be generated; shown until one is.' }),
  watchers: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      frequency: z.enum(watchFrequencyEnum.enumValues),
    }),
  ),
  policies: z.array(
    z.object({
      id: z.uuid(),
      framework: z.string(),
      reference: z.string(),
      title: z.string(),
      active: z.boolean(),
      version: z.int().meta({ description: 'The policy version in force when attached.' }),
    }),
  ),
  nextOccurrences: z.array(isoTime).meta({ description: 'The next five; empty when paused.' }),
  record: z
    .object(
      Object.fromEntries(PERIOD_STATUSES.map((s) => [s, z.int()])) as Record<
        (typeof PERIOD_STATUSES)[number],
        z.ZodInt
      >,
    )
    .meta({ description: 'Periods of its ledger in each state, missed ones included.' }),
  tasks: z
    .array(generatedTaskJson)
    .meta({ description: 'Its generated tasks, newest occurrence first (at most 500).' }),
});
export type ScheduleDetailJson = z.infer<typeof scheduleDetailJson>;

/** POST /api/v1/schedules/{id}/generate. */
export const generatedTaskResultJson = z.object({
  created: z.boolean().meta({ description: 'False (status 200) when the period’s task existed.' }),
  task: z.object({
    id: z.uuid(),
    number: taskNumber,
    title: z.string(),
    occurrenceAt: isoTime.nullable(),
    dueAt: isoTime.nullable(),
  }),
});
export type GeneratedTaskResultJson = z.infer<typeof generatedTaskResultJson>;

export function toScheduleJson(schedule: TaskSchedule, owner: ScheduleJson['owner']): ScheduleJson {
  return {
    id: schedule.id,
    name: schedule.name,
    owner,
    description: schedule.description,
    query: schedule.query,
    pattern: schedule.pattern as ScheduleJson['pattern'],
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
  };
}

export function toScheduleDetailJson(
  detail: NonNullable<ScheduleDetail>,
  owner: ScheduleJson['owner'],
): ScheduleDetailJson {
  return {
    ...toScheduleJson(detail.schedule, owner),
    ownerFallback: detail.ownerFallback,
    generationError: detail.generationError,
    watchers: detail.watchers.map((w) => ({
      userId: w.userId,
      name: w.name,
      frequency: w.frequency,
    })),
    policies: detail.policies,
    nextOccurrences: detail.nextOccurrences.map((d) => d.toISOString()),
    record: detail.record,
    tasks: detail.tasks.map((t) => ({
      id: t.id,
      number: taskNumberLabel(t.number),
      title: t.title,
      state: t.state,
      occurrenceAt: isoOrNull(t.occurrenceAt),
      dueAt: isoOrNull(t.dueAt),
      closedAt: isoOrNull(t.closedAt),
      generatedLate: t.generatedLate,
      outcome: t.outcome,
    })),
  };
}

export function toGeneratedTaskResultJson(result: {
  created: boolean;
  task: {
    id: string;
    number: number;
    title: string;
    occurrenceAt: Date | null;
    dueAt: Date | null;
  };
}): GeneratedTaskResultJson {
  const { task } = result;
  return {
    created: result.created,
    task: {
      id: task.id,
      number: taskNumberLabel(task.number),
      title: task.title,
      occurrenceAt: isoOrNull(task.occurrenceAt),
      dueAt: isoOrNull(task.dueAt),
    },
  };
}
