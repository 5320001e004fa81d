import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { taskSchedules } from './schedules';
import { users } from './users';

// Secret iCalendar feed URLs (lib/calendar): a person's (their tasks' due dates and their
// schedules' upcoming occurrences) or a schedule's (for its team). As with API tokens, only
// the SHA-256 of the secret is stored: the URL is shown once, when it is made. At most one
// live feed per person and per schedule; making a new one revokes the old in the same
// transaction, so a leaked URL stops working the moment its replacement exists.
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Exactly one of the two: whose feed it is.
    userId: uuid().references(() => users.id),
    scheduleId: uuid().references(() => taskSchedules.id),
    secretHash: text().notNull().unique(),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Calendar clients poll every few minutes to hours; written at most every ten minutes.
    lastFetchedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('calendar_feeds_one_subject', sql`(${t.userId} is null) <> (${t.scheduleId} is null)`),
    uniqueIndex('calendar_feeds_live_user_key')
      .on(t.userId)
      .where(sql`${t.revokedAt} is null and ${t.userId} is not null`),
    uniqueIndex('calendar_feeds_live_schedule_key')
      .on(t.scheduleId)
      .where(sql`${t.revokedAt} is null and ${t.scheduleId} is not null`),
  ],
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
