import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { incidentAttachments, incidents } from './incidents';
import { users } from './users';

// Rules that oblige the organization to notify someone within a time of an incident: the
// OCC/Federal Reserve/FDIC computer-security incident rule (36 h), the bank service
// provider's notice to its customers (4 h disruption), NCUA 12 CFR 748.1(c) (72 h), and the
// organization's own (state laws, contracts). Built-in rules are seeded disabled; the
// organization enables the ones that apply in Settings → Organization.
export const noticeRules = pgTable(
  'notice_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Stable key of a built-in rule ('occ-fed-fdic-36h', 'bank-service-provider-4h',
    // 'ncua-748-72h'); null for the organization's own.
    builtinKey: text(),
    name: text().notNull(),
    // Who must be told ("the primary federal regulator", "affected customers").
    notify: text().notNull(),
    citation: text().notNull().default(''),
    summary: text().notNull().default(''),
    // Elapsed hours from the clock's start to the deadline (not business hours).
    deadlineHours: integer().notNull(),
    // What starts the clock, in the rule's words ("determining a notification incident
    // occurred", "a reasonable belief that a reportable cyber incident occurred").
    clockStartsWhen: text().notNull(),
    enabled: boolean().notNull().default(false),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('notice_rules_builtin_key')
      .on(t.builtinKey)
      .where(sql`${t.builtinKey} is not null`),
    uniqueIndex('notice_rules_name_key').on(sql`lower(${t.name})`),
    check('notice_rules_deadline_hours', sql`${t.deadlineHours} between 1 and 8760`),
  ],
);

// An incident marked notifiable under a rule: who decided, when, on what basis, the clock's
// start and deadline, the warnings sent, and the notification once recorded (which stops the
// clock). One per (incident, rule); every change is also an activity row on the incident.
export const incidentNoticeClocks = pgTable(
  'incident_notice_clocks',
  {
    id: uuid().primaryKey().defaultRandom(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    ruleId: uuid()
      .notNull()
      .references(() => noticeRules.id),
    // When the rule's trigger happened (the determination, the belief, the provider's notice,
    // the start of the disruption): the clock runs from here, not from when it was entered.
    clockStartedAt: timestamp({ withTimezone: true }).notNull(),
    deadlineAt: timestamp({ withTimezone: true }).notNull(),
    // Why the incident is notifiable, in the decider's words.
    basis: text().notNull(),
    decidedById: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The warnings sent to owners and administrators (50 %, 75 %, missed): set once each by
    // the worker, so a restart never sends one twice.
    warnedHalfAt: timestamp({ withTimezone: true }),
    warnedThreeQuartersAt: timestamp({ withTimezone: true }),
    warnedMissedAt: timestamp({ withTimezone: true }),
    // The notification as made: when, to whom, the recipient's reference, and the copy sent.
    notifiedAt: timestamp({ withTimezone: true }),
    notifiedTo: text(),
    notificationReference: text(),
    notificationAttachmentId: uuid().references(() => incidentAttachments.id),
    recordedById: uuid().references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('incident_notice_clocks_incident_rule_key').on(t.incidentId, t.ruleId),
    // The worker's and the dashboard's domain: clocks still running, by deadline.
    index('incident_notice_clocks_running_idx')
      .on(t.deadlineAt)
      .where(sql`${t.notifiedAt} is null`),
    check('incident_notice_clocks_deadline', sql`${t.deadlineAt} > ${t.clockStartedAt}`),
    check(
      'incident_notice_clocks_recorded',
      sql`(${t.notifiedAt} is null) = (${t.notifiedTo} is null)`,
    ),
  ],
);

export type NoticeRule = typeof noticeRules.$inferSelect;
export type IncidentNoticeClock = typeof incidentNoticeClocks.$inferSelect;
