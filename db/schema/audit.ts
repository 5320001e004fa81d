import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The hash chain over the activity log (custom migration audit-chain): one row per activity
// row, in the order their transactions committed. `hash` covers the activity row's content,
// its position and the previous link's hash, so an edited, removed or slipped-in activity row
// breaks the chain at that row (lib/audit/verify-chain.ts). Written only by a deferred
// trigger running as the schema owner; the application's role may read it, never write it.
export const activityChain = pgTable(
  'activity_chain',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
    // No foreign key: it would make TRUNCATE of the log fail on the key before the log's own
    // trigger refuses it with its message, and `audit verify` names a link whose row is gone.
    activityId: bigint({ mode: 'number' }).notNull().unique(),
    hash: text().notNull(),
    chainedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('activity_chain_chained_at_idx').on(t.chainedAt)],
);

export type ActivityChainRow = typeof activityChain.$inferSelect;
