import { bigint, date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { severityEnum } from './incidents';

// The dashboard's 12-month series, kept by triggers on incidents (custom migration
// "dashboard-sql"): one row per month of closing (in the organization's zone), severity and
// owner, summing what the monthly means and the share within target are made of. Sums are
// whole milliseconds, so adding and removing an incident (a reopen, an edit, a reassignment)
// leaves exactly the totals of the incidents now closed. A change of the organization's zone
// rebuilds the table in the same transaction, since it moves month boundaries.
export const incidentCloseMonths = pgTable(
  'incident_close_months',
  {
    // First day of the month the incident was closed in, in the organization's zone.
    month: date({ mode: 'string' }).notNull(),
    severity: severityEnum().notNull(),
    // 'user:<id>', 'team:<id>' or '' for unassigned: the owner at the time it is counted.
    owner: text().notNull(),
    closed: integer().notNull().default(0),
    responded: integer().notNull().default(0),
    // Responded by the response target.
    withinTarget: integer().notNull().default(0),
    respondMs: bigint({ mode: 'number' }).notNull().default(0),
    closeMs: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.severity, t.owner] }),
    index('incident_close_months_owner_idx').on(t.owner, t.month),
  ],
);

export type IncidentCloseMonth = typeof incidentCloseMonths.$inferSelect;
