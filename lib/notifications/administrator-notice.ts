import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { taskSchedules, users, type TaskSchedule } from '@/db/schema';
import { ADMINISTRATOR_NOTICE_REASON } from '@/emails/_components/administrator-notice';
import type { EmailPayload } from '@/lib/email/deliver-email';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { queueWebhookEvent } from '@/lib/webhooks/queue-webhook-event';
import { claimOwnerFallbackNotice } from './owner-fallback-notice';
import { periodsMissedProps } from './periods-missed-notice';

// What administrators must hear about because something did not happen as planned. Queued in
// the transaction that records the fact (a missed period, a fallback owner), delivered by the
// worker like every other email.
export type AdministratorNotice =
  | {
      kind: 'periods-missed';
      scheduleId: string;
      periods: { periodKey: string; occurrenceAt: Date }[];
      reason: string;
    }
  | {
      kind: 'owner-fallback';
      scheduleId: string;
      /** e.g. "the schedule owner is deactivated" */
      reason: string;
      /** The owner the generated task went to: "user:<id>", "team:<id>" or "" */
      fallbackOwner: string;
    };

export type Administrator = { id: string; email: string; timeZone: string };

/**
 * Queues the notice for every active administrator: one email each, through the outbox.
 * These are operational alerts about the evidence itself, not news about an item someone
 * follows, so notification preferences, digests and mutes do not apply (the email says so):
 * an administrator who muted a task must still hear that a review was never created.
 * An owner fallback is told once per schedule per deactivated owner, not per task.
 */
export async function queueAdministratorNotice(tx: Tx, notice: AdministratorNotice): Promise<void> {
  const [schedule] = await tx
    .select()
    .from(taskSchedules)
    .where(eq(taskSchedules.id, notice.scheduleId));
  if (!schedule)
    throw new Error(
      `administrator notice for a schedule that does not exist: ${notice.scheduleId}`,
    );
  const admins = await tx
    .select({ id: users.id, email: users.email, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.createdAt));

  let propsFor: (admin: Administrator) => Record<string, unknown>;
  if (notice.kind === 'owner-fallback') {
    const claimed = await claimOwnerFallbackNotice(tx, schedule, notice);
    if (!claimed) return;
    propsFor = () => claimed;
  } else {
    if (!notice.periods.length) return;
    await queueWebhookEvent(tx, {
      type: 'schedule.missed',
      scheduleId: schedule.id,
      periods: notice.periods,
      reason: notice.reason,
    });
    propsFor = (admin) => periodsMissedProps(schedule, notice, admin.timeZone);
  }
  const common = {
    scheduleId: schedule.id,
    scheduleName: schedule.name,
    reason: ADMINISTRATOR_NOTICE_REASON,
  };
  await enqueueOutbox(
    tx,
    ...admins.map((admin) => {
      const payload: EmailPayload = {
        template: notice.kind,
        to: admin.email,
        props: { ...common, ...propsFor(admin) },
        appPath: schedulePath(schedule),
      };
      return { kind: 'email' as const, topic: notice.kind, payload };
    }),
  );
}

function schedulePath(schedule: Pick<TaskSchedule, 'id'>): string {
  return `/schedules/${schedule.id}`;
}
