import { z } from 'zod';
import { BULK_CLOSE_LIMIT } from '@/lib/incidents/close-incidents';
import {
  changeStateInput,
  createIncidentInput,
  MAX_NOTE,
  noteInput,
  updateIncidentInput,
} from '@/lib/incidents/schemas';

// Request bodies of /api/v1/incidents: the domain's own schemas, made strict so that a
// misspelt field ("sevrity") is a 400 naming it rather than silently ignored. The routes
// validate with these first (every problem listed at once), then hand the raw body to the
// domain function, which parses it again with the same rules.

export const createIncidentBody = createIncidentInput.strict();

export const noteBody = noteInput.strict();

const stateField = changeStateInput.shape.to;

export const patchIncidentBody = updateIncidentInput
  .extend({
    to: stateField.optional().meta({
      description:
        'Moves the incident (logged). Closed asks for a note, and so does reopening a Resolved or Closed one.',
    }),
    from: stateField.optional().meta({
      description:
        'The state you saw. With it, the move is refused (409) if the incident has left that state meanwhile.',
    }),
    state: stateField
      .optional()
      .meta({ description: 'Older name of "to"; the same state as now changes nothing.' }),
    note: z.string().max(MAX_NOTE).trim().optional().meta({
      description:
        'Goes with a state change: the closing note when closing, the reason when reopening.',
    }),
  })
  .strict()
  .refine((v) => v.to === undefined || v.state === undefined, {
    path: ['state'],
    message: 'Give "to" or "state", not both.',
  })
  .refine((v) => v.from === undefined || (v.to ?? v.state) !== undefined, {
    path: ['from'],
    message: '"from" goes with "to".',
  })
  .refine((v) => (v.to ?? v.state) !== 'closed' || !!v.note, {
    path: ['note'],
    message: 'Closing asks for a closing note: what was found and done.',
  })
  .refine((v) => !v.note || (v.to ?? v.state) !== undefined, {
    path: ['note'],
    message:
      'A note here goes with a state change; add other notes with POST /api/v1/incidents/{number}/notes.',
  });
export type PatchIncidentBody = z.input<typeof patchIncidentBody>;

const incidentNumber = z.union([
  z.int().positive(),
  z.string().regex(/^(?:[Ii][Nn][Cc]-)?\d{1,9}$/, 'Give numbers like 1042 or "INC-1042".'),
]);

export const bulkCloseBody = z
  .object({
    numbers: z
      .array(incidentNumber)
      .min(1, 'Give at least one number.')
      .max(BULK_CLOSE_LIMIT)
      .optional()
      .meta({ description: 'The incidents to close, as 1042 or "INC-1042".' }),
    filter: z.string().max(4000).optional().meta({
      description:
        'Or: every incident matching the list filter, as its query string ("state=triage&severity=low").',
    }),
    note: z.string().max(MAX_NOTE).trim().min(1, 'Write the closing note shared by all of them.'),
  })
  .strict()
  .refine((v) => (v.numbers === undefined) !== (v.filter === undefined), {
    path: ['numbers'],
    message: 'Give either "numbers" or "filter", not both.',
  });
export type BulkCloseBody = z.output<typeof bulkCloseBody>;

export const bulkCloseResult = z.object({
  closed: z.int().meta({ description: 'Closed by this request.' }),
  alreadyClosed: z.int(),
  missing: z.int().meta({ description: 'Numbers that name no incident.' }),
});
