import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ticketAuditColumns, ticketChildTables } from './ticket-children';
import { teams, users } from './users';

export const taskStateEnum = pgEnum('task_state', ['open', 'closed', 'invalid']);

// Never deleted: a trigger (custom migration "tasks-never-deleted") makes PostgreSQL refuse
// DELETE and TRUNCATE on tasks, their notes and their attachments. Examiners ask for proof
// that each review happened; a missing task is exactly what they look for.
export const tasks = pgTable(
  'tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Shown as TASK-2001; never reused.
    number: integer().notNull().unique().generatedAlwaysAsIdentity({ startWith: 2001 }),
    title: text().notNull(),
    state: taskStateEnum().notNull().default('open'),
    // At most one of the two: a person, or a team whose members each own it.
    ownerUserId: uuid().references(() => users.id),
    ownerTeamId: uuid().references(() => teams.id),
    dueAt: timestamp({ withTimezone: true }),
    description: text().notNull().default(''),
    // What was reviewed and what was found: required to close.
    findings: text(),
    // Why the task does not apply: required to mark it invalid.
    invalidReason: text(),
    // When it was last closed or marked invalid; null while open.
    closedAt: timestamp({ withTimezone: true }),
    // Who closed it or marked it invalid (null while open, or when the system did): the
    // export's "Completed By", read from the row rather than from the activity log.
    closedById: uuid().references(() => users.id),
    // The event query a schedule hands to its tasks (text until the Events parser exists).
    query: text().notNull().default(''),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Set when a schedule generated the task. The foreign key to task_schedules is added by
    // the schedules migration. The idempotency key is the period the task stands for
    // ("month:2026-03", lib/schedules/period-key.ts), not the instant a timer fired: an edit
    // of the rule's time or day never makes a second task for a period that has one.
    scheduleId: uuid(),
    occurrenceAt: timestamp({ withTimezone: true }),
    periodKey: text(),
    // Created after its occurrence had passed (a worker catching up after downtime), and why.
    generatedLate: boolean().notNull().default(false),
    lateReason: text(),
    ...ticketAuditColumns(),
  },
  (t) => [
    check('tasks_one_owner', sql`${t.ownerUserId} is null or ${t.ownerTeamId} is null`),
    check(
      'tasks_occurrence_with_schedule',
      sql`${t.occurrenceAt} is null or ${t.scheduleId} is not null`,
    ),
    check('tasks_period_with_schedule', sql`(${t.periodKey} is null) = (${t.scheduleId} is null)`),
    uniqueIndex('tasks_schedule_period_key')
      .on(t.scheduleId, t.periodKey)
      .where(sql`${t.scheduleId} is not null`),
    // Serves the list's schedule filter and a schedule's record, newest occurrence first.
    index('tasks_schedule_occurrence_idx')
      .on(t.scheduleId, t.occurrenceAt)
      .where(sql`${t.scheduleId} is not null`),
    // The list (lib/tasks/get-tasks.ts) sorts by due date (no due date last) or by creation.
    // Open tasks are the default view and the overdue query's whole domain: partial indexes.
    // due_at and the owner ride along: the list's page ids, overdue and owner filters and
    // their counts read the index alone (an index-only scan needs due_at, not only the expression).
    index('tasks_open_due_idx')
      .on(
        sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
        t.id,
        t.dueAt,
        t.ownerUserId,
        t.ownerTeamId,
      )
      .where(openOnly(t)),
    index('tasks_open_owner_user_idx').on(t.ownerUserId, t.dueAt).where(openOnly(t)),
    index('tasks_open_owner_team_idx').on(t.ownerTeamId, t.dueAt).where(openOnly(t)),
    index('tasks_due_idx').on(
      sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
      t.id,
      t.dueAt,
      t.ownerUserId,
      t.ownerTeamId,
    ),
    index('tasks_created_idx').on(t.createdAt, t.id),
    index('tasks_state_due_idx').on(t.state, t.dueAt),
    index('tasks_owner_user_idx').on(t.ownerUserId),
    index('tasks_owner_team_idx').on(t.ownerTeamId),
    index('tasks_tags_idx').using('gin', t.tags),
    // Title substring search (ILIKE '%…%'); pg_trgm comes from the incidents' migration.
    index('tasks_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    // The default view's search (open tasks): its count builds a bitmap over open tasks only.
    index('tasks_open_title_trgm_idx')
      .using('gin', sql`${t.title} gin_trgm_ops`)
      .where(openOnly(t)),
  ],
);

function openOnly(t: { state: AnyPgColumn }) {
  return sql`${t.state} = 'open'`;
}

// Watchers, policies, notes and attachments: the tables every kind of ticket has.
const taskChildren = ticketChildTables('task', () => tasks.id);
export const taskWatchers = taskChildren.watchers;
export const taskPolicies = taskChildren.policies;
export const taskNotes = taskChildren.notes;
export const taskAttachments = taskChildren.attachments;

export type Task = typeof tasks.$inferSelect;
export type TaskState = (typeof taskStateEnum.enumValues)[number];
