import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { RecurrencePattern } from '@/lib/schedules/recurrence';

// Expert-written schedule templates. They ship as data (lib/library/templates.ts) and are
// synced into this table by key and version at migration and seed time; copying one makes
// an ordinary task schedule, which a later revision of the template never touches.
export const libraryTemplates = pgTable(
  'library_templates',
  {
    key: text().primaryKey(),
    version: integer().notNull(),
    name: text().notNull(),
    category: text().notNull(),
    // 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'yearly'
    interval: text().notNull(),
    pattern: jsonb().$type<RecurrencePattern>().notNull(),
    timeOfDay: text().notNull(),
    dueInDays: integer().notNull(),
    description: text().notNull(),
    query: text().notNull().default(''),
    // [{ framework: 'CIS', reference: '5.1' }]: matched to policies when copied.
    policyRefs: jsonb().$type<{ framework: string; reference: string }[]>().notNull().default([]),
    frameworks: text().array().notNull(),
    basis: text().notNull().default(''),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('library_templates_category_idx').on(t.category, t.name)],
);

export type LibraryTemplate = typeof libraryTemplates.$inferSelect;
