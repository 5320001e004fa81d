import { check, date, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { teams, users } from './users';

// Who must sign in with a second factor: 'privileged' is administrators and Power Users.
export const mfaRequirementEnum = pgEnum('mfa_requirement', ['nobody', 'privileged', 'everyone']);
export type MfaRequirement = (typeof mfaRequirementEnum.enumValues)[number];

// One row: the organization this Vigil serves. Its time zone decides business days.
export const organization = pgTable(
  'organization',
  {
    id: integer().primaryKey().default(1),
    name: text().notNull(),
    timeZone: text().notNull().default('UTC'),
    onCallInstructions: text().notNull().default(''),
    onCallPhone: text().notNull().default(''),
    // No longer read: migration 0021 made it a webhook endpoint (Settings → Integrations).
    incidentWebhookUrl: text().notNull().default(''),
    // Who gets a schedule's tasks while its owner is deactivated (a person or a team; the
    // administrators until one is chosen).
    fallbackOwnerUserId: uuid().references(() => users.id),
    fallbackOwnerTeamId: uuid().references(() => teams.id),
    // Days log events are kept (whole daily partitions are dropped after). Events copied to an
    // incident as evidence are kept with the incident regardless.
    eventRetentionDays: integer().notNull().default(90),
    mfaRequiredFor: mfaRequirementEnum().notNull().default('nobody'),
    // A browser session ends after this many minutes without a request, and this many hours
    // after signing in whatever happens (lib/auth/session-limits.ts).
    sessionIdleMinutes: integer().notNull().default(30),
    sessionMaxHours: integer().notNull().default(12),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organization_event_retention', sql`${t.eventRetentionDays} between 1 and 3650`),
    check('organization_session_idle', sql`${t.sessionIdleMinutes} between 5 and 480`),
    check('organization_session_max', sql`${t.sessionMaxHours} between 1 and 24`),
    check('organization_single_row', sql`${t.id} = 1`),
    check(
      'organization_one_fallback_owner',
      sql`${t.fallbackOwnerUserId} is null or ${t.fallbackOwnerTeamId} is null`,
    ),
  ],
);

export type Organization = typeof organization.$inferSelect;

// Days that are not business days besides weekends: response targets of Low and None
// incidents skip them.
export const holidays = pgTable('holidays', {
  day: date({ mode: 'string' }).primaryKey(),
  name: text().notNull(),
});

export type Holiday = typeof holidays.$inferSelect;
