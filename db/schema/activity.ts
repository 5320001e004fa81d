import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export type FieldChanges = Record<string, { old: unknown; new: unknown }>;

// Append-only: a trigger (migration 0001) makes PostgreSQL refuse UPDATE, DELETE and TRUNCATE.
export const activityLog = pgTable(
  'activity_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Null when the system acted (a job, the seed, the command line without a user).
    actorId: uuid().references(() => users.id),
    // Kept beside the id so the log reads the same after the user is renamed.
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    changes: jsonb().$type<FieldChanges>().notNull().default({}),
    requestId: text(),
    clientAddress: text(),
  },
  (t) => [
    index('activity_log_entity_idx').on(t.entityType, t.entityId, t.occurredAt),
    index('activity_log_actor_idx').on(t.actorId, t.occurredAt),
  ],
);

export type ActivityRow = typeof activityLog.$inferSelect;
