import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { holidays, organization, type Organization } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import {
  forgetSessionLimits,
  SESSION_IDLE_MINUTES,
  SESSION_MAX_HOURS,
} from '@/lib/auth/session-limits';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { ownerKey, ownerSchema } from '@/lib/owners/owner';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { parseInput } from '@/lib/validation';
import { assertFallbackOwnerEligible } from './fallback-owner';

export const organizationInput = z.object({
  name: z.string().max(120).trim().min(1, 'Enter the organization’s name.'),
  timeZone: z.string().refine(isValidTimeZone, 'Choose a time zone from the list.'),
  onCallInstructions: z.string().max(2000, 'Use at most 2,000 characters.').trim(),
  onCallPhone: z
    .string()
    .max(40)
    .trim()
    .regex(/^[+\d\s().-]*$/, 'Use digits, spaces, +, -, ( and ) only.'),
  // How long log events stay searchable (whole days; evidence copied into incidents stays
  // for good); absent leaves it as it is.
  eventRetentionDays: z.coerce
    .number({ error: 'Give a number of days.' })
    .int('Give a whole number of days.')
    .min(1, 'Keep log events for at least 1 day.')
    .max(3650, 'Keep log events for at most 3,650 days (ten years).')
    .optional(),
  // The browser session's idle timeout and absolute lifetime (lib/auth/session-limits.ts);
  // absent leaves them as they are.
  sessionIdleMinutes: z.coerce
    .number({ error: 'Give a number of minutes.' })
    .int('Give a whole number of minutes.')
    .min(
      SESSION_IDLE_MINUTES.min,
      `Allow at least ${SESSION_IDLE_MINUTES.min} minutes without activity.`,
    )
    .max(
      SESSION_IDLE_MINUTES.max,
      `Allow at most ${SESSION_IDLE_MINUTES.max} minutes (eight hours) without activity.`,
    )
    .optional(),
  sessionMaxHours: z.coerce
    .number({ error: 'Give a number of hours.' })
    .int('Give a whole number of hours.')
    .min(SESSION_MAX_HOURS.min, `Let a session last at least ${SESSION_MAX_HOURS.min} hour.`)
    .max(SESSION_MAX_HOURS.max, `Let a session last at most ${SESSION_MAX_HOURS.max} hours.`)
    .optional(),
  // Who takes a schedule's tasks while it has no active owner ("" for the administrators);
  // absent leaves it as it is.
  fallbackOwner: ownerSchema.optional(),
});

export async function updateOrganization(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof organizationInput>,
): Promise<Organization> {
  assertCan(actor, 'organization.manage');
  const input = parseInput(organizationInput, rawInput);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organization).for('update');
    if (!before)
      throw new NotFoundError(
        'The organization has not been set up yet: run `npm run vigil -- seed`.',
      );
    const { fallbackOwner, ...given } = input;
    // Absent numbers stay as they are.
    const fields = Object.fromEntries(
      Object.entries(given).filter(([, value]) => value !== undefined),
    ) as typeof given;
    const changes = diffFields(before, fields, [
      'name',
      'timeZone',
      'onCallInstructions',
      'onCallPhone',
      'eventRetentionDays',
      'sessionIdleMinutes',
      'sessionMaxHours',
    ]);
    const fallbackBefore = ownerKey({
      ownerUserId: before.fallbackOwnerUserId,
      ownerTeamId: before.fallbackOwnerTeamId,
    });
    // Checked only when it changes: a chosen person deactivated since must not block other edits.
    if (fallbackOwner && ownerKey(fallbackOwner) !== fallbackBefore) {
      await assertFallbackOwnerEligible(tx, fallbackOwner);
      changes.fallbackOwner = { old: fallbackBefore || null, new: ownerKey(fallbackOwner) || null };
    }
    const fallback = changes.fallbackOwner && {
      fallbackOwnerUserId: fallbackOwner!.ownerUserId,
      fallbackOwnerTeamId: fallbackOwner!.ownerTeamId,
    };
    if (!Object.keys(changes).length) return before;
    const [after] = await tx
      .update(organization)
      .set({ ...fields, ...fallback, updatedAt: sql`now()` })
      .returning();
    forgetSessionLimits();
    await recordActivity(tx, actor, {
      action: 'organization.updated',
      entityType: 'organization',
      entityId: '1',
      changes,
    });
    return after;
  });
}

// A real calendar day: z.iso.date knows each month's length and leap years.
const holidayDay = z.iso.date({ error: 'Give the date as YYYY-MM-DD.' });

const holidayInput = z.object({
  day: holidayDay,
  name: z.string().max(80).trim().min(1, 'Name the holiday.'),
});

export async function addHoliday(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof holidayInput>,
): Promise<void> {
  assertCan(actor, 'organization.manage');
  const input = parseInput(holidayInput, rawInput);
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(holidays).values(input).onConflictDoNothing().returning();
    if (!inserted.length) throw new ValidationError({ day: 'That day is already a holiday.' });
    await recordActivity(tx, actor, {
      action: 'holiday.added',
      entityType: 'holiday',
      entityId: input.day,
      changes: { name: { old: null, new: input.name } },
    });
  });
}

export async function removeHoliday(db: Db, actor: Actor, day: string): Promise<void> {
  assertCan(actor, 'organization.manage');
  // Not a calendar day (as a hand-made request may send) is no holiday, not a database error.
  // The same check as adding one: Date.parse would let "2026-02-30" through as 2 March.
  if (!holidayDay.safeParse(day).success) throw new NotFoundError('That holiday does not exist.');
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(holidays).where(eq(holidays.day, day)).returning();
    if (!removed) throw new NotFoundError('That holiday does not exist.');
    await recordActivity(tx, actor, {
      action: 'holiday.removed',
      entityType: 'holiday',
      entityId: day,
      changes: { name: { old: removed.name, new: null } },
    });
  });
}
