import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import {
  digestItems,
  notificationFanout,
  notificationMutes,
  notificationPreferences,
  type OutboxRow,
} from '@/db/schema';
import type { EmailPayload } from '@/lib/email/deliver-email';
import type { Deliverer } from '@/lib/outbox/drain-outbox';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { loadIncidentSubject } from './incident-subject';
import { notificationPayloadSchema, type NotificationPayload } from './notification-payload';
import { reasonFor, selectRecipients, type DeliveryPreference } from './select-recipients';
import type { NotificationSubject, SubjectLoaderContext } from './subject';
import { loadTaskSubject } from './task-subject';

type SubjectLoader = (
  db: DbOrTx,
  id: string,
  context: SubjectLoaderContext,
  event: NotificationPayload,
) => Promise<NotificationSubject | undefined>;

// An area without a loader would fail its notifications visibly in Settings → Outbox
// rather than let them vanish; the record type makes a new entity type add one.
const SUBJECT_LOADERS: Record<NotificationPayload['entityType'], SubjectLoader> = {
  incident: loadIncidentSubject,
  task: loadTaskSubject,
};

export type FanOutResult = { emails: number; digestItems: number; alreadyDone: number };

/**
 * Turns one notification (an event on an item) into one email outbox row per immediate
 * recipient and one digest item per digest recipient. Idempotent: each (notification row,
 * recipient) pair is recorded in notification_fanout in the same transaction, so a
 * redelivered notification row queues nothing twice.
 */
export async function fanOutNotification(
  db: Db,
  row: Pick<OutboxRow, 'id' | 'payload' | 'createdAt'>,
  context: SubjectLoaderContext,
): Promise<FanOutResult> {
  const event = notificationPayloadSchema.parse(row.payload);
  const subject = await SUBJECT_LOADERS[event.entityType](db, event.entityId, context, event);
  // The item is gone (never committed, or removed): nobody to tell.
  if (!subject) return { emails: 0, digestItems: 0, alreadyDone: 0 };

  const userIds = [...new Set(subject.candidates.map((c) => c.userId))];
  if (!userIds.length) return { emails: 0, digestItems: 0, alreadyDone: 0 };
  const [preferenceRows, muteRows] = await Promise.all([
    db
      .select()
      .from(notificationPreferences)
      .where(inArray(notificationPreferences.userId, userIds)),
    db
      .select({ userId: notificationMutes.userId })
      .from(notificationMutes)
      .where(
        and(
          eq(notificationMutes.entityType, subject.entityType),
          eq(notificationMutes.entityId, subject.entityId),
          inArray(notificationMutes.userId, userIds),
        ),
      ),
  ]);
  const recipients = selectRecipients({
    candidates: subject.candidates,
    event: event.event,
    actorId: event.actorId,
    mutedUserIds: new Set(muteRows.map((m) => m.userId)),
    preferences: new Map<string, DeliveryPreference>(preferenceRows.map((p) => [p.userId, p])),
  });
  if (!recipients.length) return { emails: 0, digestItems: 0, alreadyDone: 0 };

  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(notificationFanout)
      .values(
        recipients.map((r) => ({ sourceOutboxId: row.id, userId: r.userId, delivery: r.delivery })),
      )
      .onConflictDoNothing()
      .returning({ userId: notificationFanout.userId });
    const fresh = new Set(claimed.map((c) => c.userId));
    const todo = recipients.filter((r) => fresh.has(r.userId));

    const emails = todo
      .filter((r) => r.delivery === 'immediate')
      .map((r) => {
        const { template, props } = subject.emailFor(event, r, reasonFor(r.via, subject.reference));
        const payload: EmailPayload = {
          template,
          to: r.email,
          props,
          mute: { userId: r.userId, entityType: subject.entityType, entityId: subject.entityId },
        };
        return { kind: 'email' as const, topic: template, payload };
      });
    await enqueueOutbox(tx, ...emails);

    const digest = todo.filter((r) => r.delivery === 'digest');
    if (digest.length) {
      const line = subject.digestLine(event);
      await tx.insert(digestItems).values(
        digest.map((r) => ({
          userId: r.userId,
          entityType: subject.entityType,
          entityId: subject.entityId,
          item: {
            reference: subject.reference,
            title: subject.title,
            url: subject.url,
            line,
            occurredAt: row.createdAt.toISOString(),
          },
        })),
      );
    }
    return {
      emails: emails.length,
      digestItems: digest.length,
      alreadyDone: recipients.length - todo.length,
    };
  });
}

export function createNotificationDeliverer(db: Db, context: SubjectLoaderContext): Deliverer {
  return async (row) => {
    await fanOutNotification(db, row, context);
  };
}
