import type { FieldChanges } from '@/db/schema';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { enqueueOutboxMany } from '@/lib/outbox/enqueue';
import { webhookEventOfNotification } from '@/lib/webhooks/event-input';
import { queueWebhookEvents } from '@/lib/webhooks/queue-webhook-event';

export type NotificationEvent =
  | 'opened'
  | 'updated'
  | 'closed'
  | 'invalid'
  | 'response-at-risk'
  | 'response-breached'
  | 'assigned'
  | 'due-tomorrow'
  | 'overdue';

/**
 * Records, in the transaction of the change, that the people around an item should hear
 * of it. The worker later works out who (owners, team members, watchers and their
 * frequency, each person's delivery preference) and sends the emails.
 */
export type NotificationInput = {
  entityType: 'incident' | 'task';
  entityId: string;
  event: NotificationEvent;
  changes?: FieldChanges;
  note?: string;
};

export async function queueNotification(
  tx: Tx,
  actor: Actor,
  input: NotificationInput,
): Promise<void> {
  await queueNotifications(tx, actor, [input]);
}

export async function queueNotifications(
  tx: Tx,
  actor: Actor,
  inputs: NotificationInput[],
): Promise<void> {
  await enqueueOutboxMany(
    tx,
    inputs.map((input) => ({
      kind: 'notification' as const,
      topic: `${input.entityType}.${input.event}`,
      payload: {
        entityType: input.entityType,
        entityId: input.entityId,
        event: input.event,
        actorId: actor.kind === 'user' ? actor.userId : null,
        actorLabel: actor.kind === 'user' ? actor.name : `Vigil (${actor.label})`,
        changes: input.changes ?? {},
        ...(input.note ? { note: input.note } : {}),
      },
    })),
  );
  // What people are told of, subscribed systems are told of too, in the same transaction.
  await queueWebhookEvents(
    tx,
    inputs.map(webhookEventOfNotification).filter((e) => e !== undefined),
  );
}
