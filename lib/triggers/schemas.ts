import { z } from 'zod';
import { SEVERITIES } from '@/lib/incidents/schemas';
import { checkEventQuery } from '@/lib/events/query/check';
import { ownerSchema } from '@/lib/owners/owner';
import { recordDescription, recordName } from '@/lib/schemas/named-record';
import { MAX_INTERVAL_MINUTES } from './windows';

export { MAX_INTERVAL_MINUTES } from './windows';

export const MAX_TRIGGER_DESCRIPTION = 10_000;

const name = recordName;
const description = recordDescription(MAX_TRIGGER_DESCRIPTION);

// A saved query must parse: a trigger whose query cannot run would fail every window. The
// parser's message says where and what it expected ("… at character 18.").
const query = z
  .string({ error: 'Enter a query.' })
  .max(5_000, 'Use at most 5,000 characters.')
  .trim()
  .min(1, 'Enter a query: a trigger counts the events it matches.')
  .superRefine((text, ctx) => {
    const check = checkEventQuery(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
  });

const intervalMinutes = z.coerce
  .number({ error: `Give a number of minutes from 1 to ${MAX_INTERVAL_MINUTES}.` })
  .int('Give a whole number of minutes.')
  .min(1, `Give a number of minutes from 1 to ${MAX_INTERVAL_MINUTES}.`)
  .max(MAX_INTERVAL_MINUTES, `Give a number of minutes from 1 to ${MAX_INTERVAL_MINUTES}.`);
const threshold = z.coerce
  .number({ error: 'Give a number of events, 1 or more.' })
  .int('Give a whole number of events.')
  .min(1, 'Give a number of events, 1 or more.')
  .max(1_000_000, 'Give at most 1,000,000 events.');
const severity = z.enum(SEVERITIES, { error: 'Choose None, Low, Medium or High.' });

export const createTriggerInput = z.object({
  name,
  description: description.default(''),
  query,
  intervalMinutes,
  threshold: threshold.default(1),
  severity: severity.default('medium'),
  owner: ownerSchema.prefault(''),
  active: z.boolean().default(true),
});
export type CreateTriggerInput = z.input<typeof createTriggerInput>;
export type CreateTriggerValues = z.output<typeof createTriggerInput>;

/** Each field optional but the version the editor saw. */
export const updateTriggerInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
  name: name.optional(),
  description: description.optional(),
  query: query.optional(),
  intervalMinutes: intervalMinutes.optional(),
  threshold: threshold.optional(),
  severity: severity.optional(),
  owner: ownerSchema.optional(),
});
export type UpdateTriggerInput = z.input<typeof updateTriggerInput>;

export const setTriggerActiveInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
  active: z.boolean(),
});
export type SetTriggerActiveInput = z.input<typeof setTriggerActiveInput>;
