import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { scheduleOwnerFallbackNotices, users, type TaskSchedule } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { systemActor } from '@/lib/auth/actor';
import { ownerKey } from '@/lib/owners/owner';
import { resolveGenerationOwner } from '@/lib/schedules/generation-owner';
import type { AdministratorNotice } from './administrator-notice';

const SCHEDULES = systemActor('worker:schedules');

/**
 * The first time a schedule's tasks go to the fallback for this deactivation of its owner:
 * claims the notice (the primary key decides races between generators), logs the fallback on
 * the schedule's activity, and returns the email's props. Every later time: null.
 */
export async function claimOwnerFallbackNotice(
  tx: Tx,
  schedule: TaskSchedule,
  notice: Extract<AdministratorNotice, { kind: 'owner-fallback' }>,
): Promise<Record<string, unknown> | null> {
  const missingOwner = ownerKey(schedule);
  const [person] = schedule.ownerUserId
    ? await tx
        .select({ deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.id, schedule.ownerUserId))
    : [];
  const claimed = await tx
    .insert(scheduleOwnerFallbackNotices)
    .values({
      scheduleId: schedule.id,
      missingOwner,
      missingSince: person?.deactivatedAt ?? new Date(0),
      fallbackOwner: notice.fallbackOwner,
    })
    .onConflictDoNothing()
    .returning();
  if (!claimed.length) return null;

  await recordActivity(tx, SCHEDULES, {
    action: 'schedule.owner-fallback',
    entityType: 'schedule',
    entityId: schedule.id,
    changes: {
      owner: { old: missingOwner || null, new: notice.fallbackOwner || null },
      reason: { old: null, new: notice.reason },
    },
  });
  // The email speaks of the schedule from now on ("tasks go to …"), not of the one task.
  const words = await resolveGenerationOwner(tx, schedule);
  return {
    missingOwner: words.missingOwner ?? notice.reason,
    tasksGoTo: words.tasksGoTo ?? 'the fallback owner',
  };
}
