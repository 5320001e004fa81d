import { z } from 'zod';
import { eventsSearchUrl } from '@/lib/events/search-url';
import type { ReviewEvidence } from '@/lib/schedules/get-review-evidence';
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

export const reviewEvidenceJson = z
  .object({
    query: z.string().meta({ description: "The schedule's query as it ran." }),
    windowFrom: isoTime.meta({ description: 'Start of the window (the previous occurrence).' }),
    windowTo: isoTime.meta({ description: 'End of the window, not included (this occurrence).' }),
    matchCount: z.int().nullable().meta({ description: 'Null when the query could not run.' }),
    idsSha256: z.string().nullable().meta({
      description:
        'SHA-256 (hex) of the matched event ids in ascending order, each followed by a newline.',
    }),
    error: z.string().nullable().meta({ description: 'Why the query could not run.' }),
    recordedAt: isoTime,
    searchUrl: z.string().meta({ description: 'The Events page for this query and window.' }),
  })
  .meta({ description: "What a generated review's query matched in its period." });

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
  reviewEvidence: reviewEvidenceJson.nullable(),
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
    reviewEvidence: task.reviewEvidence ? reviewEvidenceToJson(task.reviewEvidence) : null,
    ...toTicketChildrenJson(task),
  };
}

function reviewEvidenceToJson(evidence: ReviewEvidence): z.infer<typeof reviewEvidenceJson> {
  return {
    query: evidence.query,
    windowFrom: evidence.windowFrom.toISOString(),
    windowTo: evidence.windowTo.toISOString(),
    matchCount: evidence.matchCount,
    idsSha256: evidence.idsSha256,
    error: evidence.error,
    recordedAt: evidence.recordedAt.toISOString(),
    searchUrl: eventsSearchUrl({
      query: evidence.query,
      from: evidence.windowFrom,
      to: evidence.windowTo,
    }),
  };
}
