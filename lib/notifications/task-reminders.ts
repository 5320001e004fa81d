import { TZDate } from '@date-fns/tz';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { tasks } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { getOrganization } from '@/lib/organization/get-organization';
import { overdueCondition, taskIsOpen } from '@/lib/tasks/overdue';
import { queueNotifications, type NotificationInput } from './queue-notification';

const REMINDER_ACTOR = systemActor('reminders');

/** Reminders start at this hour of the organization's day, not at midnight. */
export const TASK_REMINDER_HOUR = 8;

/**
 * Queues "task due tomorrow" and "task overdue" for the owners of open tasks, deciding
 * from PostgreSQL alone. Days are the organization's (its time zone, Settings →
 * Organization): a task has one owner or one owning team, and a team's "today" is its
 * bank's business day, so one claim per task per day serves every member, keeps the
 * one-notification-per-event fan-out (and its idempotency), and matches the day the list's
 * "overdue" badge and the examiners' reports use. A member in another zone therefore gets
 * the reminder at 08:00 of the organization's day, which may be their evening.
 *
 * - due tomorrow: once per (task, due date), from the organization's day before the due date;
 *   moving the due date earns a new one. One owed but not sent that day (the worker was
 *   down) goes on the due day itself, until the task falls due; after that the overdue
 *   reminder says it. A task created on its due day was never owed one (a daily schedule's
 *   task due that evening would otherwise mean a reminder every morning).
 * - overdue: once per (task, organization day) while the task is open and past due, from
 *   08:00 (or at once, for a task that falls due later in the day).
 *
 * Each claim and its notification are written in one transaction, so a job run twice, late,
 * or after Redis lost its schedule sends each reminder exactly once. Tasks without an owner
 * are not claimed: assigning one later the same day still reminds.
 */
export async function queueTaskReminders(
  db: Db,
  now = new Date(),
): Promise<{ dueTomorrow: number; overdue: number }> {
  const timeZone = (await getOrganization(db))?.timeZone ?? 'UTC';
  const local = new TZDate(now.getTime(), timeZone);
  if (local.getHours() < TASK_REMINDER_HOUR) return { dueTomorrow: 0, overdue: 0 };
  const dayStart = (offset: number) =>
    new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + offset, 0, 0, 0, timeZone);
  const today = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  // Raw SQL parameters go to the driver as they are: ISO strings with a cast, not Dates.
  const instant = (d: Date) => sql`${new Date(d.getTime()).toISOString()}::timestamptz`;
  const owned = sql`(${tasks.ownerUserId} is not null or ${tasks.ownerTeamId} is not null)`;

  return db.transaction(async (tx) => {
    const dueTomorrow = await tx.execute<{ task_id: string }>(sql`
      insert into task_due_reminders (task_id, due_at)
      select ${tasks.id}, ${tasks.dueAt} from ${tasks}
      where ${taskIsOpen} and ${owned} and ${tasks.dueAt} >= ${instant(now)} and ${tasks.dueAt} < ${instant(dayStart(2))}
        and (${tasks.dueAt} >= ${instant(dayStart(1))} or ${tasks.createdAt} < ${instant(dayStart(0))})
      on conflict do nothing
      returning task_id`);
    const overdue = await tx.execute<{ task_id: string }>(sql`
      insert into task_overdue_reminders (task_id, day)
      select ${tasks.id}, ${today}::date from ${tasks}
      where ${overdueCondition(now)} and ${owned}
      on conflict do nothing
      returning task_id`);
    const inputs: NotificationInput[] = [
      ...dueTomorrow.map((r) => ({
        entityType: 'task' as const,
        entityId: r.task_id,
        event: 'due-tomorrow' as const,
      })),
      ...overdue.map((r) => ({
        entityType: 'task' as const,
        entityId: r.task_id,
        event: 'overdue' as const,
      })),
    ];
    await queueNotifications(tx, REMINDER_ACTOR, inputs);
    return { dueTomorrow: dueTomorrow.length, overdue: overdue.length };
  });
}
