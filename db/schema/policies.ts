import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { teams, users } from './users';

// Policy statements (NIST CSF 2.0, CIS Controls, FFIEC CAT, PCI DSS, the organization's own)
// that incidents, tasks and schedules are mapped to, so a report can show what evidences each.
// Catalogue statements are seeded and never edited here; custom ones are written by Power
// Users, versioned (policy_versions) and retired, never deleted.
export const policies = pgTable(
  'policies',
  {
    id: uuid().primaryKey().defaultRandom(),
    // 'NIST CSF', 'CIS', 'FFIEC', 'PCI DSS', 'Custom' (or the organization's own name for it).
    framework: text().notNull(),
    // The framework's own identifier, like "PR.AA-05", "5.1", "D1.G.Ov.B.3" or "10.4.1".
    reference: text().notNull(),
    // The statement one level up ("PR.AA" for "PR.AA-05", "5" for "5.1"); null at the top.
    parentReference: text(),
    title: text().notNull(),
    statement: text().notNull().default(''),
    // Where the framework's own text is published (optional).
    url: text().notNull().default(''),
    // Written by the organization (editable, versioned), not seeded from a framework.
    custom: boolean().notNull().default(false),
    // False once retired: still shown on what it was attached to, no longer offered.
    active: boolean().notNull().default(true),
    ownerUserId: uuid().references(() => users.id),
    ownerTeamId: uuid().references(() => teams.id),
    // How often the policy itself is reviewed; its review schedule is the task schedule whose
    // review_of_policy_id is this policy (db/schema/schedules.ts).
    reviewIntervalMonths: integer(),
    // The version in force: the highest row in policy_versions for this policy.
    currentVersion: integer().notNull().default(1),
    retiredAt: timestamp({ withTimezone: true }),
    retiredById: uuid().references(() => users.id),
    retiredReason: text(),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedById: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Optimistic concurrency for edits of custom policies.
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('policies_framework_reference_key').on(
      sql`lower(${t.framework})`,
      sql`lower(${t.reference})`,
    ),
    index('policies_framework_idx').on(sql`lower(${t.framework})`, t.reference),
    check('policies_one_owner', sql`${t.ownerUserId} is null or ${t.ownerTeamId} is null`),
    check(
      'policies_review_interval',
      sql`${t.reviewIntervalMonths} is null or ${t.reviewIntervalMonths} between 1 and 60`,
    ),
  ],
);

// Every version a policy has had, the first included: written once, never changed (a trigger
// refuses UPDATE, DELETE and TRUNCATE). What an incident, task or schedule was mapped to is
// (policy, version), so a later edit never changes what a past report showed.
export const policyVersions = pgTable(
  'policy_versions',
  {
    policyId: uuid()
      .notNull()
      .references(() => policies.id),
    version: integer().notNull(),
    title: text().notNull(),
    statement: text().notNull().default(''),
    url: text().notNull().default(''),
    reviewIntervalMonths: integer(),
    // What changed and why, in the editor's words (empty for the first version).
    changeNote: text().notNull().default(''),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.version] })],
);

// One row per report an examiner or auditor generated (the page, a CSV, the API, a bundle, a
// sample): who, when, with which filters, and the SHA-256 of what they received. Append-only.
export const reportRuns = pgTable(
  'report_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    // 'compliance' (page or JSON), 'compliance-csv', 'bundle', 'sample'.
    kind: text().notNull(),
    // How it was asked for: 'page', 'print', 'api', 'download'.
    channel: text().notNull(),
    generatedById: uuid().references(() => users.id),
    generatedByLabel: text().notNull(),
    generatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The parsed filters (from, to, policy, framework, tag, group) and, for a sample, its size.
    params: jsonb().$type<Record<string, unknown>>().notNull(),
    // A sample's seed, so the same sample can be drawn again.
    seed: text(),
    // SHA-256 (hex) of the report's content (the canonical JSON, the CSV, the zip).
    sha256: text(),
    rowCount: integer(),
    requestId: text(),
  },
  (t) => [
    index('report_runs_generated_idx').on(t.generatedAt),
    index('report_runs_by_idx').on(t.generatedById, t.generatedAt),
  ],
);

export type Policy = typeof policies.$inferSelect;
export type PolicyVersion = typeof policyVersions.$inferSelect;
export type ReportRun = typeof reportRuns.$inferSelect;
