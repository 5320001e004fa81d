import { z } from 'zod';
import { watchFrequencyEnum } from '@/db/schema';

// The fields every kind of ticket's form and API share, with the same messages.

export const MAX_DESCRIPTION = 50_000;

export const ticketTitle = z
  .string({ error: 'Enter a title.' })
  .max(200, 'Use at most 200 characters.')
  .trim()
  .min(1, 'Enter a title.');
export const ticketDescription = z
  .string()
  .max(MAX_DESCRIPTION, `Use at most ${MAX_DESCRIPTION.toLocaleString('en-US')} characters.`);

export const watcherSchema = z.object({
  userId: z.uuid({ error: 'Choose a person.' }),
  frequency: z
    .enum(watchFrequencyEnum.enumValues, { error: 'Choose "all" or "opened_closed".' })
    .default('all'),
});

export const ticketWatchers = z
  .array(watcherSchema)
  .max(500, 'At most 500 watchers.')
  .refine(
    (list) => new Set(list.map((w) => w.userId)).size === list.length,
    'Each person can watch only once.',
  );

export const ticketPolicyIds = z
  .array(z.uuid({ error: 'Choose policies from the list.' }))
  .max(100);
