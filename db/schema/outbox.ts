import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'sent', 'failed']);

// Every side effect (email, webhook, background job) is written here in the transaction
// of the change that causes it, and delivered by the worker after commit.
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    // What delivers it: 'job' (a BullMQ job), later 'email' and 'webhook'.
    kind: text().notNull(),
    // For kind 'job', the job name (`area.verb-noun`); otherwise a template or target name.
    topic: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: outboxStatusEnum().notNull().default('pending'),
    // Counted when a worker claims the row, before it delivers: a delivery that crashes the
    // worker still uses up an attempt, so a poison row parks instead of looping forever.
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(8),
    // When it may be claimed: now, a retry's backoff, or (while claimed) the end of the lease
    // after which another worker takes over from one that died.
    availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Set while a worker holds the row's lease; null otherwise.
    claimedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.availableAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    index('outbox_status_idx').on(t.status, t.createdAt),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
