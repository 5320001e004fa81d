import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { notificationPreferences } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { UserActor } from '@/lib/auth/actor';
import { parseInput } from '@/lib/validation';
import { DEFAULT_PREFERENCE, type DeliveryPreference } from './select-recipients';

export const updatePreferencesInput = z.object({
  delivery: z.enum(['immediate', 'digest'], {
    error: 'Choose each email as it happens, or one daily digest.',
  }),
  digestHour: z.coerce
    .number({ error: 'Choose an hour.' })
    .int()
    .min(0, 'Choose an hour.')
    .max(23, 'Choose an hour.'),
  includeOwnChanges: z.boolean().default(false),
});
export type UpdatePreferencesInput = z.input<typeof updatePreferencesInput>;

export async function getNotificationPreferences(
  db: DbOrTx,
  userId: string,
): Promise<DeliveryPreference> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row
    ? {
        delivery: row.delivery,
        digestHour: row.digestHour,
        includeOwnChanges: row.includeOwnChanges,
      }
    : DEFAULT_PREFERENCE;
}

/** Any signed-in user chooses how they hear from Vigil; the change is logged like a profile edit. */
export async function updateNotificationPreferences(
  db: Db,
  actor: UserActor,
  rawInput: UpdatePreferencesInput,
): Promise<DeliveryPreference> {
  const input = parseInput(updatePreferencesInput, rawInput);
  return db.transaction(async (tx) => {
    const before = await getNotificationPreferences(tx, actor.userId);
    await tx
      .insert(notificationPreferences)
      .values({ userId: actor.userId, ...input })
      .onConflictDoUpdate({
        target: notificationPreferences.userId,
        set: { ...input, updatedAt: sql`now()` },
      });
    const changes = Object.fromEntries(
      (Object.keys(input) as (keyof typeof input)[])
        .filter((k) => before[k] !== input[k])
        .map((k) => [k, { old: before[k], new: input[k] }]),
    );
    if (Object.keys(changes).length) {
      await recordActivity(tx, actor, {
        action: 'user.notification-preferences-updated',
        entityType: 'user',
        entityId: actor.userId,
        changes,
      });
    }
    return input;
  });
}
