import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notificationMutes, users } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { UserActor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import type { MuteTarget } from './unsubscribe-token';

/**
 * Stops a person's notifications about one item. The caller has proved who they are with a
 * signed link (or a session), so there is no permission beyond being that person.
 * Muting twice is a no-op and logs once.
 */
export async function muteItem(
  db: Db,
  target: MuteTarget,
  context: { requestId?: string; clientAddress?: string } = {},
): Promise<{ muted: boolean }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, target.userId));
    if (!user) throw new NotFoundError('That account no longer exists.');
    const inserted = await tx
      .insert(notificationMutes)
      .values({ userId: target.userId, entityType: target.entityType, entityId: target.entityId })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) return { muted: false };
    const actor: UserActor = {
      kind: 'user',
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      ...context,
    };
    await recordActivity(tx, actor, {
      action: 'notifications.muted',
      entityType: target.entityType,
      entityId: target.entityId,
      changes: { muted: { old: false, new: true } },
    });
    return { muted: true };
  });
}
