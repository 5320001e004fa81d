import { z } from 'zod';

/** What queueNotification writes into the outbox (kind 'notification'). */
export const notificationPayloadSchema = z.object({
  entityType: z.enum(['incident', 'task']),
  entityId: z.string().min(1),
  event: z.enum([
    'opened',
    'updated',
    'closed',
    'invalid',
    'response-at-risk',
    'response-breached',
    'assigned',
    'due-tomorrow',
    'overdue',
  ]),
  actorId: z.uuid().nullable(),
  actorLabel: z.string(),
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })).default({}),
  note: z.string().optional(),
});
export type NotificationPayload = z.output<typeof notificationPayloadSchema>;
