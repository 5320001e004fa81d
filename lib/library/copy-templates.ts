import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { libraryTemplates, policies, type TaskSchedule } from '@/db/schema';
import { LIBRARY_POLICY_CATALOGUE, POLICY_CATALOGUE } from '@/db/seed/policy-catalogue';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors';
import { ownerSchema } from '@/lib/owners/owner';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { localParts } from '@/lib/schedules/recurrence';
import { scheduleWatcherSchema } from '@/lib/schedules/schemas';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { parseInput } from '@/lib/validation';

export const copyTemplatesInput = z.object({
  keys: z
    .array(z.string().trim().min(1))
    .min(1, 'Choose at least one template.')
    .max(100, 'Copy at most 100 at a time.'),
  timeZone: z
    .string({ error: 'Choose a time zone.' })
    .refine(isValidTimeZone, 'That is not a time zone we know.'),
  active: z.boolean().default(false),
  owner: ownerSchema.prefault(''),
  watchers: z.array(scheduleWatcherSchema).max(500).default([]),
});
export type CopyTemplatesInput = z.input<typeof copyTemplatesInput>;

/** What to do after copying, shown on a copied schedule until someone edits it. */
export const NEXT_STEPS = [
  'Set the owner (who does the review) and the watchers (who makes sure it is done).',
  'Point the query at your own systems: the example names common sources (Windows, firewall*, fim*); use yours.',
  "Write your organization's procedure into the description: how to do it, what to document, what to attach.",
  'Tag it or put it in a group so it is easy to find with related schedules.',
  'Keep the recommended interval unless an internal policy asks for another.',
];

export function tagForTemplate(name: string): string {
  return `library: ${name}`.slice(0, 60);
}

/**
 * Copies library templates into task schedules in one transaction, each tagged with its
 * template and remembering the template's key and version. Starts today in the chosen zone.
 */
export async function copyTemplates(
  db: Db,
  actor: Actor,
  rawInput: CopyTemplatesInput,
  today = new Date(),
): Promise<TaskSchedule[]> {
  assertCan(actor, 'library.manage');
  const input = parseInput(copyTemplatesInput, rawInput);
  const keys = [...new Set(input.keys)];
  const templates = await db
    .select()
    .from(libraryTemplates)
    .where(inArray(libraryTemplates.key, keys));
  if (templates.length !== keys.length)
    throw new ValidationError({ keys: 'One of the chosen templates does not exist.' });

  const { year, month, day } = localParts(today, input.timeZone);
  const startDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const owner = input.owner.ownerUserId
    ? `user:${input.owner.ownerUserId}`
    : input.owner.ownerTeamId
      ? `team:${input.owner.ownerTeamId}`
      : '';

  return db.transaction(async (tx) => {
    // Organizations seeded before a control joined the catalogue get it now.
    const catalogue = [...POLICY_CATALOGUE, ...LIBRARY_POLICY_CATALOGUE];
    const refs = templates.flatMap((t) => t.policyRefs);
    const wanted = catalogue.filter((c) =>
      refs.some((r) => r.framework === c.framework && r.reference === c.reference),
    );
    if (wanted.length) await tx.insert(policies).values(wanted).onConflictDoNothing();
    const known = await tx
      .select({
        id: policies.id,
        key: sql<string>`lower(${policies.framework}) || '|' || lower(${policies.reference})`,
      })
      .from(policies);
    const policyId = new Map(known.map((p) => [p.key, p.id]));

    const copies: TaskSchedule[] = [];
    for (const key of keys) {
      const template = templates.find((t) => t.key === key)!;
      const schedule = await createSchedule(
        tx,
        actor,
        {
          name: template.name,
          owner,
          description: template.description,
          query: template.query,
          watchers: input.watchers,
          policyIds: template.policyRefs
            .map((r) => policyId.get(`${r.framework.toLowerCase()}|${r.reference.toLowerCase()}`))
            .filter((id): id is string => !!id),
          tags: [tagForTemplate(template.name)],
          dueInDays: template.dueInDays,
          active: input.active,
          pattern: template.pattern,
          timeOfDay: template.timeOfDay,
          timeZone: input.timeZone,
          startDate,
          endDate: null,
        },
        { templateKey: template.key, templateVersion: template.version },
      );
      copies.push(schedule);
    }
    return copies;
  });
}
