import { z } from 'zod';
import { watchFrequencyEnum } from '@/db/schema';
import type { TaskDetail } from '@/lib/tasks/get-task';
import type { TaskListRow } from '@/lib/tasks/get-tasks';
import { TASK_STATES, taskNumberLabel } from '@/lib/tasks/schemas';
import { ownerJson } from './incident-json';

// What the tasks API answers, as zod schemas: serializers typed by them and the OpenAPI
// document generated from them (as lib/api/incident-json.ts does for incidents).

const isoTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601, UTC', example: '2027-03-05T05:59:59.000Z' });
const taskNumber = z.string().regex(/^TASK-\d+$/).meta({ example: 'TASK-2001' });

export const taskListItemJson = z.object({
  id: z.uuid(),
  number: taskNumber,
  title: z.string(),
  state: z.enum(TASK_STATES),
  owner: ownerJson,
  dueAt: isoTime.nullable(),
  overdue: z.boolean().meta({ description: 'Past its due date and still open, at the time of the request.' }),
  closedAt: isoTime.nullable().meta({ description: 'When it was closed or marked invalid.' }),
  tags: z.array(z.string()),
  scheduleId: z.uuid().nullable(),
  occurrenceAt: isoTime.nullable(),
  generatedLate: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type TaskListItemJson = z.infer<typeof taskListItemJson>;

export const taskJson = taskListItemJson.extend({
  version: z.int().meta({ description: 'Send it back with a PATCH or close: a stale version is refused with 409.' }),
  description: z.string().meta({ description: 'Markdown.' }),
  findings: z.string().nullable().meta({ description: 'What was reviewed and what was found (closed tasks).' }),
  invalidReason: z.string().nullable(),
  query: z.string(),
  watchers: z.array(z.object({ userId: z.uuid(), name: z.string(), email: z.string(), frequency: z.enum(watchFrequencyEnum.enumValues) })),
  policies: z.array(z.object({ id: z.uuid(), framework: z.string(), reference: z.string(), title: z.string() })),
  notesCount: z.int(),
  attachmentsCount: z.int(),
});
export type TaskJson = z.infer<typeof taskJson>;

export const taskPageJson = z.object({
  data: z.array(taskListItemJson),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  count: z.int(),
  countCapped: z.boolean().meta({ description: 'True when more than 10,000 match (count then says 10,000).' }),
});
export type TaskPageJson = z.infer<typeof taskPageJson>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function taskListRowJson(row: TaskListRow): TaskListItemJson {
  return {
    id: row.id,
    number: taskNumberLabel(row.number),
    title: row.title,
    state: row.state,
    owner: row.ownerUserId
      ? { type: 'user', id: row.ownerUserId, name: row.ownerName ?? '' }
      : row.ownerTeamId
        ? { type: 'team', id: row.ownerTeamId, name: row.ownerName ?? '' }
        : null,
    dueAt: iso(row.dueAt),
    overdue: row.overdue,
    closedAt: iso(row.closedAt),
    tags: row.tags,
    scheduleId: row.scheduleId,
    occurrenceAt: iso(row.occurrenceAt),
    generatedLate: row.generatedLate,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toTaskJson(task: TaskDetail): TaskJson {
  return {
    id: task.id,
    number: taskNumberLabel(task.number),
    title: task.title,
    state: task.state,
    owner: task.owner,
    dueAt: iso(task.dueAt),
    overdue: task.overdue,
    closedAt: iso(task.closedAt),
    tags: task.tags,
    scheduleId: task.scheduleId,
    occurrenceAt: iso(task.occurrenceAt),
    generatedLate: task.generatedLate,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    version: task.version,
    description: task.description,
    findings: task.findings,
    invalidReason: task.invalidReason,
    query: task.query,
    watchers: task.watchers,
    policies: task.policies,
    notesCount: task.notes.length,
    attachmentsCount: task.attachments.length,
  };
}
