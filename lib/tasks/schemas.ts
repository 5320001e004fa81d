import { z } from 'zod';
import { taskStateEnum, type TaskState } from '@/db/schema';
import { MAX_DESCRIPTION, MAX_NOTE, watcherSchema } from '@/lib/incidents/schemas';
import { ownerSchema } from '@/lib/owners/owner';

export const TASK_STATES = taskStateEnum.enumValues;

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  open: 'Open',
  closed: 'Closed',
  invalid: 'Invalid',
};

export const MAX_TAGS = 50;
export const MAX_QUERY_TEXT = 10_000;

const title = z.string({ error: 'Enter a title.' }).trim().min(1, 'Enter a title.').max(200, 'Use at most 200 characters.');
const description = z.string().max(MAX_DESCRIPTION, `Use at most ${MAX_DESCRIPTION.toLocaleString('en-US')} characters.`);
const isoInstant = z.iso.datetime({ offset: true, error: 'Give a date and time like 2026-12-01T17:00:00-06:00.' });
// An instant: an ISO string with its offset (forms, API) or a Date (schedules, jobs).
const instant = z.union([z.date(), isoInstant.transform((v) => new Date(v))]);
const dueAt = z.union([instant, z.null()]);

const watchers = z
  .array(watcherSchema)
  .max(500, 'At most 500 watchers.')
  .refine((list) => new Set(list.map((w) => w.userId)).size === list.length, 'Each person can watch only once.');

const policyIds = z.array(z.uuid({ error: 'Choose policies from the list.' })).max(100);

/** Tags are case-folded, trimmed and unique, so filtering by one finds every spelling. */
export const tagsSchema = z
  .array(z.string().trim().toLowerCase().max(60, 'Keep each tag under 60 characters.'))
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags.`)
  .transform((list) => [...new Set(list.filter(Boolean))].sort());

const query = z.string().max(MAX_QUERY_TEXT, `Use at most ${MAX_QUERY_TEXT.toLocaleString('en-US')} characters.`);

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
  (v) => (v.scheduleId === undefined) === (v.occurrenceAt === undefined) && (v.scheduleId === undefined) === (v.periodKey === undefined),
  { path: ['occurrenceAt'], message: 'A scheduled task needs its schedule, its occurrence and its period.' },
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
  .trim()
  .max(MAX_NOTE, `Use at most ${MAX_NOTE.toLocaleString('en-US')} characters.`)
  .optional()
  .transform((v) => v || undefined);

export const changeTaskStateInput = z
  .object({
    version: z.number({ error: 'The version you edited is required.' }).int().positive(),
    state: z.enum(TASK_STATES, { error: 'Choose Open, Closed or Invalid.' }),
    findings: longText,
    reason: longText,
    // Optional words on reopening.
    note: longText,
  })
  .refine((v) => v.state !== 'closed' || !!v.findings, {
    path: ['findings'],
    message: 'Closing asks for findings: what was reviewed and what was found.',
  })
  .refine((v) => v.state !== 'invalid' || !!v.reason, {
    path: ['reason'],
    message: 'Marking a task invalid asks for the reason.',
  });
export type ChangeTaskStateInput = z.input<typeof changeTaskStateInput>;

export function taskNumberLabel(number: number): string {
  return `TASK-${number}`;
}

/** Accepts "TASK-2001", "task-2001" or "2001". */
export function parseTaskNumber(value: string): number | undefined {
  const match = /^(?:task-)?(\d{1,9})$/i.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}
