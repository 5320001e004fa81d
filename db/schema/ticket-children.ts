import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { bytea, watchFrequencyEnum } from './common';
import { policies } from './policies';
import { users } from './users';

// The child tables every kind of ticket has (watchers, policies, notes, attachments),
// declared once. Each kind still gets tables of its own, named after it, with a foreign
// key to its own table and its own indexes: ticketChildTables('incident', () => incidents.id)
// declares incident_watchers(incident_id, …), incident_notes, and so on.

/** Who created and last changed a ticket, when, and its version (the last columns of each kind's table). */
export const ticketAuditColumns = () => ({
  createdById: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedById: uuid().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  // Optimistic concurrency: every update names the version it started from.
  version: integer().notNull().default(1),
});

const parentId = (parent: () => AnyPgColumn) => uuid().notNull().references(parent);
const watcherColumns = () => ({
  userId: uuid()
    .notNull()
    .references(() => users.id),
  frequency: watchFrequencyEnum().notNull().default('all'),
});
const policyColumns = () => ({
  policyId: uuid()
    .notNull()
    .references(() => policies.id),
  // The policy's version in force when it was attached (policy_versions): a later edit of a
  // custom policy never changes what this ticket evidenced.
  policyVersion: integer().notNull().default(1),
});
const idColumn = () => ({ id: uuid().primaryKey().defaultRandom() });
const noteColumns = () => ({
  authorId: uuid().references(() => users.id),
  // Label kept for notes written by the system or an alert (no author).
  authorLabel: text().notNull(),
  body: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  // An edit replaces the body; the earlier text stays in the activity log.
  editedAt: timestamp({ withTimezone: true }),
  // Optimistic concurrency for edits: a save from a window showing an older text is refused.
  version: integer().notNull().default(1),
});
const attachmentColumns = () => ({
  fileName: text().notNull(),
  // Detected from the bytes, never taken from the upload's own claim.
  contentType: text().notNull(),
  sizeBytes: bigint({ mode: 'number' }).notNull(),
  sha256: text().notNull(),
  data: bytea().notNull(),
  uploadedById: uuid().references(() => users.id),
  uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

type ParentKey<N extends string> = `${N}Id`;
type WithParent<N extends string, L, C> = L & {
  [P in ParentKey<N>]: ReturnType<typeof parentId>;
} & C;

/** `lead` columns, then the parent's id, then the rest: the order the tables were first created in. */
function withParent<N extends string, L extends object, C extends object>(
  noun: N,
  parent: () => AnyPgColumn,
  lead: L,
  columns: C,
): WithParent<N, L, C> {
  return { ...lead, [`${noun}Id`]: parentId(parent), ...columns } as WithParent<N, L, C>;
}

/** The four child tables of one kind of ticket, named `${noun}_watchers` and so on. */
export function ticketChildTables<N extends string>(noun: N, parent: () => AnyPgColumn) {
  const key = `${noun}Id` as ParentKey<N>;
  type Parent = { [P in ParentKey<N>]: AnyPgColumn };
  const parentOf = (t: unknown) => (t as Parent)[key];

  const watchers = pgTable(
    `${noun}_watchers`,
    withParent(noun, parent, {}, watcherColumns()),
    (t) => [
      primaryKey({ columns: [parentOf(t), t.userId] }),
      index(`${noun}_watchers_user_idx`).on(t.userId),
    ],
  );
  const policyLinks = pgTable(
    `${noun}_policies`,
    withParent(noun, parent, {}, policyColumns()),
    (t) => [
      primaryKey({ columns: [parentOf(t), t.policyId] }),
      // With the parent's id, so "items of this policy" is read from the index alone.
      index(`${noun}_policies_policy_idx`).on(t.policyId, parentOf(t)),
    ],
  );
  const notes = pgTable(
    `${noun}_notes`,
    withParent(noun, parent, idColumn(), noteColumns()),
    (t) => [index(`${noun}_notes_${noun}_idx`).on(parentOf(t), t.createdAt)],
  );
  const attachments = pgTable(
    `${noun}_attachments`,
    withParent(noun, parent, idColumn(), attachmentColumns()),
    (t) => [index(`${noun}_attachments_${noun}_idx`).on(parentOf(t))],
  );
  return { watchers, policies: policyLinks, notes, attachments };
}
