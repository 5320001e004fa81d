import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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

export const incidentStateEnum = pgEnum('incident_state', [
  'triage',
  'analysis',
  'remediation',
  'resolved',
  'closed',
]);
export const severityEnum = pgEnum('severity', ['none', 'low', 'medium', 'high']);
export const incidentSourceEnum = pgEnum('incident_source', ['user', 'alert', 'api', 'event']);
export const incidentLinkKindEnum = pgEnum('incident_link_kind', [
  'related',
  'duplicate_of',
  'parent_of',
]);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Shown as INC-1042; never reused.
    number: integer().notNull().unique().generatedAlwaysAsIdentity({ startWith: 1001 }),
    title: text().notNull(),
    state: incidentStateEnum().notNull().default('triage'),
    severity: severityEnum().notNull().default('none'),
    // At most one of the two: a person, or a team whose members each own it.
    ownerUserId: uuid().references(() => users.id),
    ownerTeamId: uuid().references(() => teams.id),
    dueAt: timestamp({ withTimezone: true }),
    description: text().notNull().default(''),
    source: incidentSourceEnum().notNull().default('user'),
    // Alerts from other systems: while an incident with this key is open, repeats add a note.
    dedupeKey: text(),
    dedupeCount: integer().notNull().default(0),
    responseDueAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    // Who closed it (null while open, or when the system closed it): the export's "Closed By"
    // reads it from the row, not from the activity log, so a million rows need no lookup each.
    closedById: uuid().references(() => users.id),
    closingNote: text(),
    ...ticketAuditColumns(),
  },
  (t) => [
    check('incidents_one_owner', sql`${t.ownerUserId} is null or ${t.ownerTeamId} is null`),
    // One open incident per dedupe key; closed ones keep theirs for history.
    uniqueIndex('incidents_open_dedupe_key')
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null and ${t.state} <> 'closed'`),
    // Ascending with PostgreSQL's default null order: read backwards it serves ORDER BY
    // created_at DESC, id DESC (a "DESC NULLS LAST" index cannot, and the planner fell back
    // to sorting the whole table for state=all).
    index('incidents_created_idx').on(t.createdAt, t.id),
    // The list (lib/incidents/get-incidents.ts): open incidents are the default view and a
    // small share of the table, so most of its indexes are partial on them. Conditions in
    // the queries are written exactly as these predicates and expressions.
    // The default order carries the columns the state, severity and owner filters test, so a
    // combination of them (state+severity+owner=me) walks this index alone, and so do counts.
    index('incidents_open_created_idx')
      .on(t.createdAt, t.id, t.state, t.severity, t.ownerUserId, t.ownerTeamId)
      .where(openOnly(t)),
    // A rare policy's links probe open incidents by id and get created_at without the table
    // (the covering indexes above otherwise win the planner over to a scan of every open one).
    index('incidents_open_id_idx').on(t.id, t.createdAt).where(openOnly(t)),
    index('incidents_open_updated_idx').on(t.updatedAt, t.id).where(openOnly(t)),
    // created_at and due_at ride along so a due range picks its newest page from the index
    // alone (an index-only scan needs due_at itself, not only the expression).
    index('incidents_open_due_idx')
      .on(sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id, t.createdAt, t.dueAt)
      .where(openOnly(t)),
    index('incidents_open_severity_idx').on(t.severity, t.id).where(openOnly(t)),
    index('incidents_open_severity_created_idx')
      .on(t.severity, t.createdAt, t.id)
      .where(openOnly(t)),
    // Kept narrow: with state and severity added, the planner priced "my work" (an owner with
    // years of closed history) as a sequential scan (tests/integration/dashboard-my-work.test.ts).
    index('incidents_open_owner_user_idx').on(t.ownerUserId, t.createdAt, t.id).where(openOnly(t)),
    index('incidents_open_owner_team_idx').on(t.ownerTeamId, t.createdAt, t.id).where(openOnly(t)),
    index('incidents_open_unassigned_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.state} <> 'closed' and ${t.ownerUserId} is null and ${t.ownerTeamId} is null`),
    // state=triage (or any open states but not all of them): the count reads this index
    // alone instead of fetching every open row to look at its state.
    index('incidents_open_state_created_idx').on(t.state, t.createdAt, t.id).where(openOnly(t)),
    index('incidents_open_created_by_idx').on(t.createdById, t.createdAt, t.id).where(openOnly(t)),
    // Closed ones (state=closed), and by owner or creator across history (state=all). No
    // index on (state, created_at) for open states: the planner would AND it with the owner
    // index over years of history instead of walking the small open-only owner index.
    index('incidents_closed_created_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.state} = 'closed'`),
    index('incidents_owner_user_created_idx').on(t.ownerUserId, t.createdAt, t.id),
    index('incidents_owner_team_created_idx').on(t.ownerTeamId, t.createdAt, t.id),
    index('incidents_created_by_created_idx').on(t.createdById, t.createdAt, t.id),
    // Breached / at risk: only unanswered incidents, a few thousand at most, in list order.
    index('incidents_unanswered_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.respondedAt} is null and ${t.state} <> 'closed'`),
    // The dashboard's open counts by state and severity, read from the index alone
    // (lib/dashboard/get-dashboard.ts). Its predicate names the open states rather than
    // "<> 'closed'" on purpose: as the smallest index on that predicate the planner took it
    // for one person's open work (and filtered everyone's rows) instead of the owner indexes.
    index('incidents_open_state_severity_idx')
      .on(t.state, t.severity)
      .where(sql`${t.state} in ('triage', 'analysis', 'remediation', 'resolved')`),
    // At risk: unanswered and not yet breached (response_due_at >= now()) is a short range at
    // the end of this index, and the at-risk test reads only its columns; breached is the
    // rest, read with the owner and severity filters from the index alone.
    index('incidents_unanswered_due_idx')
      .on(t.responseDueAt, t.createdAt, t.id, t.severity, t.ownerUserId, t.ownerTeamId)
      .where(sql`${t.respondedAt} is null and ${t.state} <> 'closed'`),
    // Title substring search (ILIKE '%…%'); pg_trgm is created by a custom migration. The
    // open-only one serves the default view: a common word matches a twelfth of the table,
    // and the count no longer builds a bitmap over years of closed incidents.
    index('incidents_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('incidents_open_title_trgm_idx')
      .using('gin', sql`${t.title} gin_trgm_ops`)
      .where(openOnly(t)),
    // closedFrom/closedTo (the dashboard's monthly links, by severity and owner): a month of
    // closings is a range here; the count and the page's newest ids come from the index alone.
    index('incidents_closed_at_idx')
      .on(t.closedAt, t.severity, t.ownerUserId, t.ownerTeamId, t.createdAt, t.id)
      .where(sql`${t.state} = 'closed'`),
  ],
);

function openOnly(t: { state: AnyPgColumn }) {
  return sql`${t.state} <> 'closed'`;
}

// Watchers, policies, notes and attachments: the tables every kind of ticket has.
const incidentChildren = ticketChildTables('incident', () => incidents.id);
export const incidentWatchers = incidentChildren.watchers;
export const incidentPolicies = incidentChildren.policies;
export const incidentNotes = incidentChildren.notes;
export const incidentAttachments = incidentChildren.attachments;

export const incidentLinks = pgTable(
  'incident_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    // For duplicate_of: from is the duplicate. For parent_of: from is the parent.
    fromIncidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    toIncidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    kind: incidentLinkKindEnum().notNull(),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('incident_links_pair_key').on(t.fromIncidentId, t.toIncidentId, t.kind),
    index('incident_links_to_idx').on(t.toIncidentId),
    check('incident_links_not_self', sql`${t.fromIncidentId} <> ${t.toIncidentId}`),
  ],
);

export type Incident = typeof incidents.$inferSelect;
export type IncidentState = (typeof incidentStateEnum.enumValues)[number];
export type Severity = (typeof severityEnum.enumValues)[number];
export type IncidentSource = (typeof incidentSourceEnum.enumValues)[number];
export type IncidentLinkKind = (typeof incidentLinkKindEnum.enumValues)[number];
