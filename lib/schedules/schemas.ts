import { z } from 'zod';
import { watchFrequencyEnum } from '@/db/schema';
import { checkEventQuery } from '@/lib/events/query/check';
import { ownerSchema } from '@/lib/owners/owner';
import { recordDescription, recordName } from '@/lib/schemas/named-record';
import { tagsSchema } from '@/lib/tasks/schemas';
import { endNotBeforeStart, occursAtLeastOnce, recurrenceShape } from './recurrence';

export const MAX_SCHEDULE_DESCRIPTION = 50_000;

const name = recordName;
const description = recordDescription(MAX_SCHEDULE_DESCRIPTION);
// A query that cannot be read would make every generated task record an error instead of its
// evidence: refused on save, with where it goes wrong. Unknown fields are only a warning
// (lib/schedules/query-warnings.ts): a field may appear once its events start arriving.
const query = z
  .string()
  .max(5_000, 'Use at most 5,000 characters.')
  .trim()
  .superRefine((text, ctx) => {
    const check = checkEventQuery(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
  });
export const dueInDaysSchema = z.coerce
  .number({ error: 'Give a number of days from 0 to 365.' })
  .int('Give a whole number of days.')
  .min(0, 'Give a number of days from 0 to 365.')
  .max(365, 'Give a number of days from 0 to 365.');

const groupName = z.string().max(100, 'Keep the group under 100 characters.').trim();

export const scheduleWatcherSchema = z.object({
  userId: z.uuid({ error: 'Choose a person.' }),
  frequency: z
    .enum(watchFrequencyEnum.enumValues, { error: 'Choose "all" or "opened_closed".' })
    .default('all'),
});
const watchers = z
  .array(scheduleWatcherSchema)
  .max(500, 'At most 500 watchers.')
  .refine(
    (list) => new Set(list.map((w) => w.userId)).size === list.length,
    'Each person can watch only once.',
  );
const policyIds = z.array(z.uuid({ error: 'Choose policies from the list.' })).max(100);

const scheduleFields = {
  name,
  owner: ownerSchema.prefault(''),
  description: description.default(''),
  query: query.default(''),
  watchers: watchers.default([]),
  policyIds: policyIds.default([]),
  tags: tagsSchema.default([]),
  groupName: groupName.default(''),
  dueInDays: dueInDaysSchema,
  active: z.boolean().default(true),
  ...recurrenceShape,
};

export const createScheduleInput = z
  .object(scheduleFields)
  .refine(...endNotBeforeStart)
  .superRefine(occursAtLeastOnce);
export type CreateScheduleInput = z.input<typeof createScheduleInput>;
export type CreateScheduleValues = z.output<typeof createScheduleInput>;

/** Each field optional but the version; the recurrence is validated again as a whole after merging. */
export const updateScheduleInput = z.object({
  version: z.number({ error: 'The version you edited is required.' }).int().positive(),
  name: name.optional(),
  owner: ownerSchema.optional(),
  description: description.optional(),
  query: query.optional(),
  watchers: watchers.optional(),
  policyIds: policyIds.optional(),
  tags: tagsSchema.optional(),
  groupName: groupName.optional(),
  dueInDays: dueInDaysSchema.optional(),
  active: z.boolean().optional(),
  pattern: recurrenceShape.pattern.optional(),
  timeOfDay: recurrenceShape.timeOfDay.optional(),
  timeZone: recurrenceShape.timeZone.optional(),
  startDate: recurrenceShape.startDate.optional(),
  endDate: recurrenceShape.endDate.optional(),
  // "Yes" to an edit that changes which period a task stands for (lib/schedules/period-change.ts).
  confirmPeriodChange: z.boolean().optional(),
});
export type UpdateScheduleInput = z.input<typeof updateScheduleInput>;
