import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { incidents } from './incidents';
import { tasks } from './tasks';
import { users } from './users';

export const notificationDeliveryEnum = pgEnum('notification_delivery', ['immediate', 'digest']);
export type NotificationDelivery = (typeof notificationDeliveryEnum.enumValues)[number];

// A user without a row gets the defaults: immediate emails, never about their own changes.
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id),
    delivery: notificationDeliveryEnum().notNull().default('immediate'),
    // Hour of the day (0-23) in the user's own time zone at which the digest goes out.
    digestHour: integer().notNull().default(8),
    includeOwnChanges: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('notification_preferences_hour', sql`${t.digestHour} between 0 and 23`)],
);

// "Stop notifications for this item" (the signed link in every email).
export const notificationMutes = pgTable(
  'notification_mutes',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    entityType: text().notNull(),
    entityId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.entityType, t.entityId] })],
);

// One row per (notification outbox row, recipient): the fan-out inserts here first, so a
// redelivered notification row finds its recipients already served and queues nothing twice.
export const notificationFanout = pgTable(
  'notification_fanout',
  {
    sourceOutboxId: bigint({ mode: 'number' }).notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    delivery: notificationDeliveryEnum().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sourceOutboxId, t.userId] })],
);

// Notifications waiting for a digest user's next daily email.
export const digestItems = pgTable(
  'digest_items',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    entityType: text().notNull(),
    entityId: text().notNull(),
    // The rendered line's inputs, frozen at the time of the event.
    item: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Set when a digest took it; the partial index keeps the waiting ones cheap to find.
    digestOutboxId: bigint({ mode: 'number' }),
  },
  (t) => [
    index('digest_items_waiting_idx')
      .on(t.userId, t.createdAt)
      .where(sql`${t.digestOutboxId} is null`),
  ],
);

// One digest per user per slot (the user's chosen hour on a given day): a Redis restart or
// two workers running the job at once cannot send the same digest twice.
export const digestsSent = pgTable(
  'digests_sent',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    slotAt: timestamp({ withTimezone: true }).notNull(),
    // The digest email's outbox row; set in the same transaction, right after the claim.
    outboxId: bigint({ mode: 'number' }),
    itemCount: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.slotAt] })],
);

export const incidentReminderKindEnum = pgEnum('incident_reminder_kind', [
  'response-at-risk',
  'response-breached',
]);

// Each response-target warning is sent once per incident and target; the job decides from
// here, not Redis. A severity change that moves the target earns both warnings again for
// the new one; moving back to a target already warned of does not repeat them.
export const incidentReminders = pgTable(
  'incident_reminders',
  {
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    kind: incidentReminderKindEnum().notNull(),
    responseDueAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.kind, t.responseDueAt] })],
);

// "Task due tomorrow" goes once per task per due date: moving the due date earns a new
// reminder, running the job again (or after Redis lost its schedule) does not.
export const taskDueReminders = pgTable(
  'task_due_reminders',
  {
    taskId: uuid()
      .notNull()
      .references(() => tasks.id),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.dueAt] })],
);

// "Task overdue" goes once per task per day of the organization's calendar (its time zone)
// until the task is closed: one claim per (task, day), decided from here and not from Redis.
export const taskOverdueReminders = pgTable(
  'task_overdue_reminders',
  {
    taskId: uuid()
      .notNull()
      .references(() => tasks.id),
    day: date({ mode: 'string' }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.day] })],
);

// The development mailbox: with neither Resend nor SMTP configured, emails land here and
// administrators read them in Settings → Outbox. One message per outbox row.
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    outboxId: bigint({ mode: 'number' }).notNull().unique(),
    from: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_mailbox_created_idx').on(t.createdAt.desc())],
);

export type NotificationPreferences = typeof notificationPreferences.$inferSelect;
export type DevMailboxMessage = typeof devMailbox.$inferSelect;
