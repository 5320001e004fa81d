import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
import { incidents, severityEnum } from './incidents';
import { tasks } from './tasks';
import { teams, users } from './users';

export const eventSourceEnum = pgEnum('event_source', ['api', 'bulk', 'syslog', 'seed']);

// Log events, as received and normalised (lib/events/normalize.ts). The table is partitioned
// by day on occurred_at (the migration says so: drizzle-kit cannot): ingest creates a day's
// partition on first use and retention drops whole partitions, so expiry costs the same at any
// volume. The common fields the query language names have real columns; everything else is
// in `fields`, flattened to dotted keys ("winlog.event_data.TargetUserName").
export const events = pgTable(
  'events',
  {
    id: bigint({ mode: 'bigint' }).notNull().generatedByDefaultAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    source: eventSourceEnum().notNull(),
    appName: text(),
    hostname: text(),
    eventId: text(),
    category: text(),
    message: text(),
    sourceIp: text(),
    destIp: text(),
    user: text(),
    fields: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  // Designed from EXPLAIN ANALYZE on millions of events (scripts/bench/events-query.ts).
  (t) => [
    // Also serves "newest first" over a time range (scanned backwards) and keyset paging.
    primaryKey({ columns: [t.occurredAt, t.id] }),
    // Windows queries name an event id and then narrow by host, user, source or category:
    // carrying those columns lets counts and histograms of `event_id:4625 AND hostname:srv*`
    // run from the index alone (index-only scans), without visiting each matching row.
    // Events without an id (firewall, DNS) are left out: a smaller index, cheaper ingest.
    // (Trailing key columns rather than INCLUDE, which drizzle-kit cannot express.)
    index('events_event_id_idx')
      .on(t.eventId, t.occurredAt, t.appName, t.hostname, t.category, t.user)
      .where(sql`${t.eventId} is not null`),
    // text_pattern_ops: also serves the prefix wildcards `hostname:srv*` (LIKE 'srv%') in
    // any database collation, not only "C".
    index('events_app_name_idx').on(sql`lower(${t.appName}) text_pattern_ops`, t.occurredAt),
    index('events_hostname_idx').on(sql`lower(${t.hostname}) text_pattern_ops`, t.occurredAt),
    // Selected events (Events page → incident) are looked up by id alone.
    index('events_id_idx').on(t.id),
    index('events_fields_idx').using('gin', sql`${t.fields} jsonb_path_ops`),
  ],
);

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;

// Events kept as an incident's evidence: copied whole when an analyst adds them, so the
// incident keeps them after retention drops their partition. Never changed or removed (a
// trigger refuses UPDATE, DELETE and TRUNCATE).
export const incidentEvents = pgTable(
  'incident_events',
  {
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    // The event's id in the store (events.id) when it was copied.
    eventId: bigint({ mode: 'bigint' }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    // The whole event as stored: common fields and `fields` (lib/events/types.ts StoredEventJson).
    event: jsonb().$type<Record<string, unknown>>().notNull(),
    // The search it was selected from, for the link back to the same results.
    searchQuery: text().notNull().default(''),
    searchFrom: timestamp({ withTimezone: true }),
    searchTo: timestamp({ withTimezone: true }),
    // A person, or null when a trigger added it (triggerId then says which).
    addedById: uuid().references(() => users.id),
    triggerId: uuid().references(() => eventTriggers.id),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.eventId] }),
    index('incident_events_incident_idx').on(t.incidentId, t.occurredAt),
  ],
);

export type IncidentEvent = typeof incidentEvents.$inferSelect;

// What a generated review looked at: the schedule's query run over the period since the
// previous occurrence, when the task was created. Written once in the generating
// transaction and never changed, so an examiner can re-run the query and compare.
export const taskReviewEvidence = pgTable('task_review_evidence', {
  taskId: uuid()
    .primaryKey()
    .references(() => tasks.id),
  query: text().notNull(),
  windowFrom: timestamp({ withTimezone: true }).notNull(),
  windowTo: timestamp({ withTimezone: true }).notNull(),
  // Null when the query could not run (error says why): the task is still created.
  matchCount: integer(),
  // SHA-256 (hex) over the matched events' ids, ascending, one per line (lib/events/evidence-hash.ts).
  idsSha256: text(),
  error: text(),
  recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type TaskReviewEvidence = typeof taskReviewEvidence.$inferSelect;

// A saved query that opens an incident when it matches at least `threshold` events within
// an interval (the product's alert rules). Paused, never deleted: its runs point at it.
export const eventTriggers = pgTable(
  'event_triggers',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(''),
    query: text().notNull(),
    intervalMinutes: integer().notNull(),
    threshold: integer().notNull().default(1),
    severity: severityEnum().notNull(),
    ownerUserId: uuid().references(() => users.id),
    ownerTeamId: uuid().references(() => teams.id),
    active: boolean().notNull().default(true),
    // Every interval window ending at or before this instant has its row in
    // event_trigger_runs; the worker evaluates windows as they close.
    accountedThrough: timestamp({ withTimezone: true }).notNull().defaultNow(),
    nextRunAt: timestamp({ withTimezone: true }),
    // Copied from the library: which example, at which version.
    templateKey: text(),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedById: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('event_triggers_one_owner', sql`${t.ownerUserId} is null or ${t.ownerTeamId} is null`),
    check('event_triggers_interval', sql`${t.intervalMinutes} between 1 and 10080`),
    check('event_triggers_threshold', sql`${t.threshold} >= 1`),
    index('event_triggers_due_idx')
      .on(t.nextRunAt)
      .where(sql`${t.active}`),
    index('event_triggers_name_idx').on(sql`lower(${t.name})`, t.id),
  ],
);

export type EventTrigger = typeof eventTriggers.$inferSelect;

export const triggerRunOutcomeEnum = pgEnum('trigger_run_outcome', [
  'quiet',
  'opened',
  'added',
  'failed',
]);

// The ledger of a trigger's windows, like schedule_periods: one row per (trigger, window),
// written in the transaction that acts on it, never changed. A window is evaluated once.
export const eventTriggerRuns = pgTable(
  'event_trigger_runs',
  {
    triggerId: uuid()
      .notNull()
      .references(() => eventTriggers.id),
    windowFrom: timestamp({ withTimezone: true }).notNull(),
    windowTo: timestamp({ withTimezone: true }).notNull(),
    outcome: triggerRunOutcomeEnum().notNull(),
    matchCount: integer(),
    incidentId: uuid().references(() => incidents.id),
    // Why it failed, or what it skipped: words an administrator reads.
    reason: text().notNull().default(''),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.triggerId, t.windowFrom] }),
    index('event_trigger_runs_incident_idx').on(t.incidentId),
  ],
);

export type EventTriggerRun = typeof eventTriggerRuns.$inferSelect;

// Every field name ingest has seen outside the common columns, so a saved query can warn
// about a field no event has (it would match nothing) without scanning events.
export const eventFieldNames = pgTable('event_field_names', {
  name: text().primaryKey(),
  firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// Incidents a person opened lately: the Events page's "Add to incident" offers them first.
export const incidentViews = pgTable(
  'incident_views',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    viewedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.incidentId] }),
    index('incident_views_recent_idx').on(t.userId, t.viewedAt.desc()),
  ],
);
