import { z } from 'zod';
import type { TaskDetail } from '@/lib/tasks/get-task';
import type { TaskListRow } from '@/lib/tasks/get-tasks';
import { TASK_STATES, taskNumberLabel } from '@/lib/tasks/schemas';
import {
  isoOrNull,
  isoTimeJson,
  listRowOwner,
  numberLabelJson,
  ownerJson,
  ticketChildrenJson,
  ticketPageJson,
  toTicketChildrenJson,
} from './ticket-json';

// What the tasks API answers, as zod schemas: serializers typed by them and the OpenAPI
// document generated from them (as lib/api/incident-json.ts does for incidents).

const isoTime = isoTimeJson('2027-03-05T05:59:59.000Z');
const taskNumber = numberLabelJson('TASK', 2001);

export const taskListItemJson = z.object({
  id: z.uuid(),
  number: taskNumber,
  title: z.string(),
  state: z.enum(TASK_STATES),
  owner: ownerJson,
  dueAt: isoTime.nullable(),
  overdue: z
    .boolean()
    .meta({ description: 'Past its due date and still open, at the time of the request.' }),
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
  version: z.int().meta({
    description: 'Send it back with a PATCH or close: a stale version is refused with 409.',
  }),
  description: z.string().meta({ description: 'Markdown.' }),
  findings: z
    .string()
    .nullable()
    .meta({ description: 'What was reviewed and what was found (closed tasks).' }),
  invalidReason: z.string().nullable(),
  query: z.string(),
  ...ticketChildrenJson,
});
export type TaskJson = z.infer<typeof taskJson>;

export const taskPageJson = ticketPageJson(taskListItemJson);
export type TaskPageJson = z.infer<typeof taskPageJson>;

const iso = isoOrNull;

export function taskListRowJson(row: TaskListRow): TaskListItemJson {
  return {
    id: row.id,
    number: taskNumberLabel(row.number),
    title: row.title,
    state: row.state,
    owner: listRowOwner(row),
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
    ...toTicketChildrenJson(task),
  };
}
