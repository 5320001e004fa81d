import { sql } from 'drizzle-orm';
import {
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RecurrencePattern } from '@/lib/schedules/recurrence';
import { watchFrequencyEnum } from './common';
import { policies } from './policies';
import { tasks } from './tasks';
import { teams, users } from './users';

// A recurring duty. Each occurrence of its RRULE becomes one task (tasks.schedule_id,
// tasks.occurrence_at, unique together); the foreign key from tasks is added by the
// schedules migration. Schedules are paused, never deleted: their tasks point at them.
export const taskSchedules = pgTable(
  'task_schedules',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    ownerUserId: uuid().references(() => users.id),
    ownerTeamId: uuid().references(() => teams.id),
    // The organization's procedure: copied into every task it generates.
    description: text().notNull().default(''),
    // Event query handed to each task (text until the Events query parser exists).
    query: text().notNull().default(''),
    // The form's model of the recurrence; `rrule` is derived from it with the fields below.
    pattern: jsonb().$type<RecurrencePattern>().notNull(),
    timeOfDay: text().notNull(),
    timeZone: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }),
    // "DTSTART;TZID=…\nRRULE:…": what generation evaluates, and the Job Scheduler's pattern.
    rrule: text().notNull(),
    dueInDays: integer().notNull(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // One folder-like group; '' for none.
    groupName: text().notNull().default(''),
    active: boolean().notNull().default(true),
    // When it last became active.
    activatedAt: timestamp({ withTimezone: true }),
    // When the current recurrence took effect (creation, a recurrence edit, a resume): the
    // rule's occurrences after this instant are the periods the schedule owes.
    ruleEffectiveAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The generation cursor. Every occurrence of the current rule up to accountedThrough has
    // its row in schedule_periods (a task, or a recorded miss); nextOccurrenceAt is the first
    // occurrence after it, null when paused or when the rule has ended (or not computed yet
    // by the worker after a migration). The worker generates whatever has come due.
    accountedThrough: timestamp({ withTimezone: true }).notNull().defaultNow(),
    nextOccurrenceAt: timestamp({ withTimezone: true }),
    // Consecutive failures to generate nextOccurrenceAt, and the last one's message: shown on
    // the schedule's page while it lasts.
    generationFailures: integer().notNull().default(0),
    lastGenerationError: text(),
    // Copied from the library: which template, at which version. A later revision of the
    // template never changes this copy.
    templateKey: text(),
    templateVersion: integer(),
    // Set on the schedule that reviews a custom policy every reviewIntervalMonths (created and
    // kept in step by lib/policies); at most one per policy.
    reviewOfPolicyId: uuid().references(() => policies.id),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedById: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('task_schedules_one_owner', sql`${t.ownerUserId} is null or ${t.ownerTeamId} is null`),
    check('task_schedules_due_in_days', sql`${t.dueInDays} between 0 and 365`),
    check(
      'task_schedules_end_after_start',
      sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`,
    ),
    index('task_schedules_name_idx').on(sql`lower(${t.name})`, t.id),
    index('task_schedules_active_idx').on(t.active, sql`lower(${t.name})`),
    index('task_schedules_owner_user_idx').on(t.ownerUserId),
    index('task_schedules_owner_team_idx').on(t.ownerTeamId),
    index('task_schedules_group_idx').on(t.groupName),
    index('task_schedules_tags_idx').using('gin', t.tags),
    index('task_schedules_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    uniqueIndex('task_schedules_review_of_policy_key')
      .on(t.reviewOfPolicyId)
      .where(sql`${t.reviewOfPolicyId} is not null`),
    index('task_schedules_due_idx')
      .on(t.nextOccurrenceAt)
      .where(sql`${t.active} and ${t.nextOccurrenceAt} is not null`),
  ],
);

export const periodOutcomeEnum = pgEnum('period_outcome', ['task', 'missed']);

// The ledger of periods a schedule owed: one row per (schedule, period), written in the
// transaction that generates the period's task or records it as missed, and never changed
// afterwards (a trigger refuses UPDATE, DELETE and TRUNCATE). An examiner's "every weekly
// review of last year" is this table: each period once, as a task or as a visible miss.
export const schedulePeriods = pgTable(
  'schedule_periods',
  {
    scheduleId: uuid()
      .notNull()
      .references(() => taskSchedules.id),
    // lib/schedules/period-key.ts: "day:2026-03-08", "week:2026-03-02", "month:2026-03",
    // "quarter:2026-Q1", "half:2026-H1", "year:2026".
    periodKey: text().notNull(),
    // The rule's occurrence that stands for the period (after DST resolution).
    occurrenceAt: timestamp({ withTimezone: true }).notNull(),
    outcome: periodOutcomeEnum().notNull(),
    taskId: uuid().references(() => tasks.id),
    // Why a task came late, or why the period was missed: the words an examiner reads.
    reason: text().notNull().default(''),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.periodKey] }),
    check(
      'schedule_periods_task_outcome',
      sql`(${t.outcome} = 'task') = (${t.taskId} is not null)`,
    ),
    index('schedule_periods_occurrence_idx').on(t.scheduleId, t.occurrenceAt),
    // Reports and the dashboard's on-time rate read every schedule's periods in a date range.
    index('schedule_periods_occurred_idx').on(t.occurrenceAt),
    index('schedule_periods_missed_idx')
      .on(t.recordedAt)
      .where(sql`${t.outcome} = 'missed'`),
  ],
);

export type SchedulePeriod = typeof schedulePeriods.$inferSelect;

// Administrators hear that a schedule's tasks go to the fallback owner once per schedule per
// deactivation of its owner, however many tasks it generates meanwhile; an owner reactivated
// and deactivated again is news again. The insert that claims the row decides races.
export const scheduleOwnerFallbackNotices = pgTable(
  'schedule_owner_fallback_notices',
  {
    scheduleId: uuid()
      .notNull()
      .references(() => taskSchedules.id),
    // The owner who could not take the tasks ("user:<id>", "team:<id>"), and since when
    // (the person's deactivation; the epoch when unknown).
    missingOwner: text().notNull(),
    missingSince: timestamp({ withTimezone: true }).notNull(),
    // Who the first task went to: "user:<id>", "team:<id>" or "".
    fallbackOwner: text().notNull(),
    noticedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.missingOwner, t.missingSince] })],
);

export const scheduleWatchers = pgTable(
  'schedule_watchers',
  {
    scheduleId: uuid()
      .notNull()
      .references(() => taskSchedules.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    frequency: watchFrequencyEnum().notNull().default('all'),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.userId] }),
    index('schedule_watchers_user_idx').on(t.userId),
  ],
);

export const schedulePolicies = pgTable(
  'schedule_policies',
  {
    scheduleId: uuid()
      .notNull()
      .references(() => taskSchedules.id),
    policyId: uuid()
      .notNull()
      .references(() => policies.id),
    // The policy's version in force when it was attached (policy_versions).
    policyVersion: integer().notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.policyId] }),
    index('schedule_policies_policy_idx').on(t.policyId),
  ],
);

export type TaskSchedule = typeof taskSchedules.$inferSelect;
