import { z } from 'zod';
import { MAX_NOTE } from '@/lib/notes/note-input';
import {
  createTaskFields,
  TASK_STATES,
  TASK_TRANSITION_NAMES,
  transitionTo,
  updateTaskInput,
} from '@/lib/tasks/schemas';
import type { DbOrTx } from '@/db/client';
import type { UserActor } from '@/lib/auth/actor';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { resolveTicketId, type TicketRouteContext } from './resolve-ticket';
import {
  parseTaskListParams,
  type TaskListParams,
  type TaskListViewer,
} from '@/lib/tasks/list-params';

// Request bodies and query strings of /api/v1/tasks: the domain's own schemas made strict,
// so a misspelt field is a 400 naming it. Schedule fields (scheduleId, occurrenceAt,
// periodKey, generatedLate, lateReason, ownerFallback) are set by schedule generation only, never through the API.

// JSON carries instants as ISO strings (the domain also takes Dates, from jobs).
const dueAtJson = z
  .union([
    z.iso.datetime({ offset: true, error: 'Give a date and time like 2027-03-05T23:59:59-06:00.' }),
    z.null(),
  ])
  .optional()
  .meta({ description: 'ISO 8601 with offset; null for no due date.' });

export const createTaskBody = createTaskFields
  .omit({
    scheduleId: true,
    occurrenceAt: true,
    periodKey: true,
    generatedLate: true,
    lateReason: true,
    ownerFallback: true,
  })
  .extend({ dueAt: dueAtJson })
  .strict();

export const patchTaskBody = updateTaskInput
  .extend({
    dueAt: dueAtJson,
    transition: z
      .enum(TASK_TRANSITION_NAMES, { error: 'Choose close, mark-invalid or reopen.' })
      .optional()
      .meta({
        description:
          'Moves the task (logged): close needs findings, mark-invalid and reopen a reason. Prefer it to "state".',
      }),
    from: z.enum(TASK_STATES, { error: 'Choose open, closed or invalid.' }).optional().meta({
      description:
        'The state you saw. With it, the move is refused (409) if the task has left that state meanwhile.',
    }),
    state: z.enum(TASK_STATES, { error: 'Choose open, closed or invalid.' }).optional().meta({
      description:
        'Older form of "transition": the state to move to; the same state as now changes nothing.',
    }),
    findings: z
      .string()
      .max(MAX_NOTE)
      .trim()
      .optional()
      .meta({ description: 'With close: what was reviewed and what was found.' }),
    reason: z.string().max(MAX_NOTE).trim().optional().meta({
      description:
        'With mark-invalid: why the task does not apply. With reopen: why it is reopened.',
    }),
    note: z
      .string()
      .max(MAX_NOTE)
      .trim()
      .optional()
      .meta({ description: 'Older name of "reason" when reopening.' }),
  })
  .strict()
  .refine((v) => v.transition === undefined || v.state === undefined, {
    path: ['state'],
    message: 'Give "transition" or "state", not both.',
  })
  .refine((v) => v.from === undefined || v.transition !== undefined || v.state !== undefined, {
    path: ['from'],
    message: '"from" goes with a transition.',
  })
  .refine((v) => (v.transition ?? (v.state && transitionTo(v.state))) !== 'close' || !!v.findings, {
    path: ['findings'],
    message: 'Closing asks for findings: what was reviewed and what was found.',
  })
  .refine(
    (v) => (v.transition ?? (v.state && transitionTo(v.state))) !== 'mark-invalid' || !!v.reason,
    {
      path: ['reason'],
      message: 'Marking a task invalid asks for the reason.',
    },
  );
export type PatchTaskBody = z.input<typeof patchTaskBody>;

export const closeTaskBody = z
  .object({
    version: z.number({ error: 'The version you closed is required.' }).int().positive(),
    from: z.enum(TASK_STATES, { error: 'Choose open or invalid.' }).optional().meta({
      description:
        'The state you saw. With it, closing is refused (409) if the task has left that state meanwhile.',
    }),
    findings: z
      .string({ error: 'Closing asks for findings: what was reviewed and what was found.' })
      .max(MAX_NOTE)
      .trim()
      .min(1, 'Closing asks for findings: what was reviewed and what was found.'),
  })
  .strict();

export const TASK_LIST_QUERY_PARAMETERS = {
  state: 'States, repeated or comma-separated (open, closed, invalid), or "all". Default: open.',
  owner:
    'me, my-teams (me or any team I am a member of; the same people as me), unassigned, user:<id> or team:<id>.',
  dueFrom: 'A date (2027-03-01, a whole day in your time zone) or an ISO 8601 time; inclusive.',
  dueTo: 'A date or an ISO 8601 time; inclusive.',
  overdue: 'true: only open tasks past their due date.',
  schedule: 'The id of the task schedule that generated them.',
  tag: 'Tasks carrying this tag; repeat for tasks carrying all of them.',
  policy:
    'The id of a policy the task is attached to; repeat for any of several. An unknown id is a 400.',
  framework:
    'Attached to a policy of this framework (NIST CSF, CIS, FFIEC, PCI DSS, Custom…), case-insensitive. An unknown framework is a 400.',
  q: 'Title contains this text (case-insensitive), up to 200 characters.',
  sort: 'due or created; a leading - sorts descending. Default: due (soonest first, no due date last).',
  cursor: 'The nextCursor of the previous page.',
} as const;

export async function taskListViewerOf(db: DbOrTx, actor: UserActor): Promise<TaskListViewer> {
  return getListViewer(db, { id: actor.userId, timeZone: actor.timeZone });
}

/** The list's params from a query string; the parser refuses unknown parameter names. */
export function parseTaskListQuery(
  searchParams: URLSearchParams,
  viewer: TaskListViewer,
  extra: readonly string[] = [],
): TaskListParams {
  return parseTaskListParams(searchParams, viewer, extra);
}

export type TaskRouteContext = TicketRouteContext;

export function resolveTaskId(
  db: DbOrTx,
  context: TaskRouteContext,
): Promise<{ id: string; number: number }> {
  return resolveTicketId(db, taskKind, context);
}
