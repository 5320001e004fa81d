import { z } from 'zod';
import { taskStateEnum, type TaskState } from '@/db/schema';
import { MAX_NOTE } from '@/lib/notes/note-input';
import {
  ticketDescription,
  ticketPolicyIds,
  ticketTitle,
  ticketWatchers,
} from '@/lib/tickets/field-schemas';
import { ownerSchema } from '@/lib/owners/owner';
import { parseTicketNumber, ticketNumberLabel } from '@/lib/tickets/ticket-number';

export const TASK_STATES = taskStateEnum.enumValues;

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  open: 'Open',
  closed: 'Closed',
  invalid: 'Invalid',
};

export const MAX_TAGS = 50;
export const MAX_QUERY_TEXT = 10_000;

const title = ticketTitle;
const description = ticketDescription;
const isoInstant = z.iso.datetime({
  offset: true,
  error: 'Give a date and time like 2026-12-01T17:00:00-06:00.',
});
// An instant: an ISO string with its offset (forms, API) or a Date (schedules, jobs).
const instant = z.union([z.date(), isoInstant.transform((v) => new Date(v))]);
const dueAt = z.union([instant, z.null()]);

const watchers = ticketWatchers;
const policyIds = ticketPolicyIds;

/** Tags are case-folded, trimmed and unique, so filtering by one finds every spelling. */
export const tagsSchema = z
  .array(z.string().max(60, 'Keep each tag under 60 characters.').trim().toLowerCase())
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags.`)
  .transform((list) => [...new Set(list.filter(Boolean))].sort());

const query = z
  .string()
  .max(MAX_QUERY_TEXT, `Use at most ${MAX_QUERY_TEXT.toLocaleString('en-US')} characters.`);

/** The fields without the cross-field rule: the API's strict body is built from it. */
export const createTaskFields = z.object({
  title,
  owner: ownerSchema.prefault(''),
  watchers: watchers.default([]),
  dueAt: dueAt.optional(),
  description: description.default(''),
  policyIds: policyIds.default([]),
  tags: tagsSchema.default([]),
  query: query.default(''),
  // Set only by schedule generation: one task per (scheduleId, periodKey).
  scheduleId: z.uuid().optional(),
  occurrenceAt: instant.optional(),
  periodKey: z.string().min(1).max(100).optional(),
  generatedLate: z.boolean().default(false),
  lateReason: z.string().max(2000).optional(),
  // Why the schedule's own owner could not take the task (lib/schedules/generation-owner.ts).
  ownerFallback: z.string().max(500).optional(),
});

export const createTaskInput = createTaskFields.refine(
  (v) =>
    (v.scheduleId === undefined) === (v.occurrenceAt === undefined) &&
    (v.scheduleId === undefined) === (v.periodKey === undefined),
  {
    path: ['occurrenceAt'],
    message: 'A scheduled task needs its schedule, its occurrence and its period.',
  },
);
export type CreateTaskInput = z.input<typeof createTaskInput>;

/** Everything but the state is changed here; each field is optional, the version is not. */
export const updateTaskInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
  title: title.optional(),
  owner: ownerSchema.optional(),
  watchers: watchers.optional(),
  dueAt: dueAt.optional(),
  description: description.optional(),
  policyIds: policyIds.optional(),
  tags: tagsSchema.optional(),
  query: query.optional(),
});
export type UpdateTaskInput = z.input<typeof updateTaskInput>;

// "" counts as absent: a form sends every field.
const longText = z
  .string()
  .max(MAX_NOTE, `Use at most ${MAX_NOTE.toLocaleString('en-US')} characters.`)
  .trim()
  .optional()
  .transform((v) => v || undefined);

/** What a person can choose on a task: each names its end state and where it may start. */
export const TASK_TRANSITIONS = {
  close: { to: 'closed', from: ['open', 'invalid'], label: 'Close task' },
  'mark-invalid': { to: 'invalid', from: ['open', 'closed'], label: 'Mark invalid' },
  reopen: { to: 'open', from: ['closed', 'invalid'], label: 'Reopen' },
} as const satisfies Record<string, { to: TaskState; from: readonly TaskState[]; label: string }>;
export type TaskTransition = keyof typeof TASK_TRANSITIONS;
export const TASK_TRANSITION_NAMES = Object.keys(TASK_TRANSITIONS) as TaskTransition[];

/** The transitions offered on a task in this state, in the order the buttons show. */
export function transitionsFrom(state: TaskState): TaskTransition[] {
  return TASK_TRANSITION_NAMES.filter((name) =>
    (TASK_TRANSITIONS[name].from as readonly TaskState[]).includes(state),
  );
}

/** The transition that ends in `state` (the API's older `state` field). */
export function transitionTo(state: TaskState): TaskTransition {
  return TASK_TRANSITION_NAMES.find((name) => TASK_TRANSITIONS[name].to === state)!;
}

/**
 * A move names what the person chose and the state they saw: a control rendered for an
 * open task can never reopen a task someone closed meanwhile.
 */
export const changeTaskStateInput = z
  .object({
    version: z.number({ error: 'The version you edited is required.' }).int().positive(),
    transition: z.enum(TASK_TRANSITION_NAMES, { error: 'Choose close, mark-invalid or reopen.' }),
    from: z.enum(TASK_STATES, {
      error: 'The state you saw (open, closed or invalid) is required.',
    }),
    findings: longText,
    // Why it does not apply (mark-invalid) or why it is reopened.
    reason: longText,
  })
  .refine((v) => v.transition !== 'close' || !!v.findings, {
    path: ['findings'],
    message: 'Closing asks for findings: what was reviewed and what was found.',
  })
  .refine((v) => v.transition !== 'mark-invalid' || !!v.reason, {
    path: ['reason'],
    message: 'Marking a task invalid asks for the reason.',
  })
  .refine((v) => v.transition !== 'reopen' || !!v.reason, {
    path: ['reason'],
    message: 'Reopening asks for the reason: what was missed or changed.',
  });
export type ChangeTaskStateInput = z.input<typeof changeTaskStateInput>;

export const TASK_NUMBER_PREFIX = 'TASK';

export function taskNumberLabel(number: number): string {
  return ticketNumberLabel(TASK_NUMBER_PREFIX, number);
}

/** Accepts "TASK-2001", "task-2001" or "2001". */
export function parseTaskNumber(value: string): number | undefined {
  return parseTicketNumber(TASK_NUMBER_PREFIX, value);
}
