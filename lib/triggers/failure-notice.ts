import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { eventTriggerRuns, users, type EventTrigger } from '@/db/schema';
import { TRIGGER_NOTICE_REASON } from '@/emails/trigger-failed';
import type { EmailPayload } from '@/lib/email/deliver-email';
import type { TimeRange } from '@/lib/events/types';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { formatDateTime, formatTime } from '@/lib/time/format';

/**
 * Tells every active administrator, once, that a trigger's query failed: when the window
 * before this one did not fail too (a broken query fails every window; one email, not one per
 * five minutes). A trigger that works again and then fails again is told again. Queued in the
 * transaction that records the failed window, like the schedules' notices
 * (lib/notifications/administrator-notice.ts), and, like them, not subject to mutes.
 */
export async function queueTriggerFailedNotice(
  tx: Tx,
  trigger: EventTrigger,
  window: TimeRange,
  why: string,
): Promise<boolean> {
  const [previous] = await tx
    .select({ outcome: eventTriggerRuns.outcome })
    .from(eventTriggerRuns)
    .where(
      and(eq(eventTriggerRuns.triggerId, trigger.id), lt(eventTriggerRuns.windowFrom, window.from)),
    )
    .orderBy(desc(eventTriggerRuns.windowFrom))
    .limit(1);
  if (previous?.outcome === 'failed') return false;
  const admins = await tx
    .select({ email: users.email, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.createdAt));
  if (!admins.length) return false;
  await enqueueOutbox(
    tx,
    ...admins.map((admin) => {
      const payload: EmailPayload = {
        template: 'trigger-failed',
        to: admin.email,
        props: {
          triggerId: trigger.id,
          triggerName: trigger.name,
          query: trigger.query,
          window: `${formatDateTime(window.from, admin.timeZone)} – ${formatTime(window.to, admin.timeZone)}`,
          why,
          reason: TRIGGER_NOTICE_REASON,
        },
        appPath: `/triggers/${trigger.id}`,
      };
      return { kind: 'email' as const, topic: 'trigger-failed', payload };
    }),
  );
  return true;
}
