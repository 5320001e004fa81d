import { z } from 'zod';
import { INCIDENT_STATES, MAX_NOTE } from '@/lib/incidents/schemas';
import { TASK_BULK_CLOSE_LIMIT } from '@/lib/tasks/close-tasks';

// Request bodies of the close operations added with the bulk naming scheme:
// POST /incidents/{number}/close and POST /tasks/bulk/close (strict: a misspelt field is a 400).

export const closeIncidentBody = z
  .object({
    version: z.number({ error: 'The version you edited is required.' }).int().positive().meta({
      description:
        'The version you read (or send it as If-Match): a stale one is refused with 409.',
    }),
    from: z.enum(INCIDENT_STATES, { error: 'Choose a state.' }).optional().meta({
      description:
        'The state you saw. With it, closing is refused (409) if the incident has left that state meanwhile.',
    }),
    note: z
      .string({ error: 'Closing asks for a closing note: what was found and done.' })
      .max(MAX_NOTE)
      .trim()
      .min(1, 'Closing asks for a closing note: what was found and done.'),
  })
  .strict();
export type CloseIncidentBody = z.output<typeof closeIncidentBody>;

const taskNumber = z.union([
  z.int().positive(),
  z.string().regex(/^(?:[Tt][Aa][Ss][Kk]-)?\d{1,9}$/, 'Give numbers like 2009 or "TASK-2009".'),
]);

export const bulkCloseTasksBody = z
  .object({
    numbers: z
      .array(taskNumber)
      .min(1, 'Give at least one number.')
      .max(TASK_BULK_CLOSE_LIMIT)
      .optional()
      .meta({ description: 'The tasks to close, as 2009 or "TASK-2009".' }),
    filter: z.string().max(4000).optional().meta({
      description:
        'Or: every task matching the list filter, as its query string ("state=open&tag=access"; open tasks by default).',
    }),
    findings: z
      .string({ error: 'Closing asks for findings: what was reviewed and what was found.' })
      .max(MAX_NOTE)
      .trim()
      .min(1, 'Closing asks for findings: what was reviewed and what was found.')
      .meta({ description: 'What was reviewed and what was found, shared by all of them.' }),
  })
  .strict()
  .refine((v) => (v.numbers === undefined) !== (v.filter === undefined), {
    path: ['numbers'],
    message: 'Give either "numbers" or "filter", not both.',
  });
export type BulkCloseTasksBody = z.output<typeof bulkCloseTasksBody>;

export const bulkCloseTasksResult = z.object({
  closed: z.int().meta({ description: 'Closed by this request.' }),
  alreadyClosed: z.int().meta({ description: 'No longer open (closed or invalid): untouched.' }),
  missing: z.int().meta({ description: 'Numbers that name no task.' }),
});
