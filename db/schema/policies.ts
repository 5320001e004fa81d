import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// Policy statements (FFIEC, CIS, the organization's own) that incidents, tasks and
// schedules are mapped to, so a report can show what evidences each.
export const policies = pgTable(
  'policies',
  {
    id: uuid().primaryKey().defaultRandom(),
    // 'FFIEC', 'CIS', 'NIST CSF', 'Custom'...
    framework: text().notNull(),
    // The framework's own identifier, like "IS.WP.II.C.7" or "CIS 5.1".
    reference: text().notNull(),
    title: text().notNull(),
    statement: text().notNull().default(''),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('policies_framework_reference_key').on(
      sql`lower(${t.framework})`,
      sql`lower(${t.reference})`,
    ),
  ],
);

export type Policy = typeof policies.$inferSelect;
