import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { queueNotifications, type NotificationInput } from './queue-notification';

const REMINDER_ACTOR = systemActor('reminders');

/**
 * Queues "response target at risk" (75% of the time used) and "breached" for incidents
 * nobody has responded to. incident_reminders has one row per (incident, kind, target): the
 * claim and the notification are written in one transaction, so each warning goes out exactly
 * once per target however often, or late, the job runs, and a severity change that moves the
 * target (updateIncident) earns both again for the new one. An incident already breached
 * gets no "at risk".
 */
export async function queueResponseTargetReminders(
  db: Db,
  now = new Date(),
): Promise<{ atRisk: number; breached: number }> {
  // Raw SQL parameters go to the driver as they are: an ISO string with a cast, not a Date.
  const at = sql`${now.toISOString()}::timestamptz`;
  return db.transaction(async (tx) => {
    const breached = await tx.execute<{ incident_id: string }>(sql`
      insert into incident_reminders (incident_id, kind, response_due_at)
      select id, 'response-breached', response_due_at from incidents
      where responded_at is null and state <> 'closed' and response_due_at <= ${at}
      on conflict do nothing
      returning incident_id`);
    const atRisk = await tx.execute<{ incident_id: string }>(sql`
      insert into incident_reminders (incident_id, kind, response_due_at)
      select id, 'response-at-risk', response_due_at from incidents
      where responded_at is null and state <> 'closed' and response_due_at > ${at}
        and created_at + (response_due_at - created_at) * 0.75 <= ${at}
      on conflict do nothing
      returning incident_id`);
    const inputs: NotificationInput[] = [
      ...breached.map((r) => ({
        entityType: 'incident' as const,
        entityId: r.incident_id,
        event: 'response-breached' as const,
      })),
      ...atRisk.map((r) => ({
        entityType: 'incident' as const,
        entityId: r.incident_id,
        event: 'response-at-risk' as const,
      })),
    ];
    await queueNotifications(tx, REMINDER_ACTOR, inputs);
    return { atRisk: atRisk.length, breached: breached.length };
  });
}
