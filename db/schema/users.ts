import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// A type only: the scopes are listed once, where the browser's token form can read them too.
import type { ApiTokenScope } from '@/lib/auth/api-token-scopes';

export const roleEnum = pgEnum('role', ['admin', 'power_user', 'user', 'read_only']);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Stored lower-cased by the domain functions; the unique index is on lower() as a backstop.
    email: text().notNull(),
    name: text().notNull(),
    role: roleEnum().notNull().default('user'),
    timeZone: text().notNull().default('UTC'),
    passwordHash: text(),
    active: boolean().notNull().default(true),
    // Bumped on password reset, role change and deactivation: sessions issued before are refused.
    sessionVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`)],
);

export const teams = pgTable(
  'teams',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('teams_name_lower_key').on(sql`lower(${t.name})`)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_members_user_idx').on(t.userId),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    // SHA-256 of the whole token: tokens are 256 random bits, so a slow hash adds nothing.
    tokenHash: text().notNull().unique(),
    // The first characters, shown in lists so a token can be recognised without being stored.
    prefix: text().notNull(),
    // read: GET/HEAD of /api/v1; write: its other methods; admin: the routes only
    // administrators may use; events:ingest: sending log events. Always within the user's role.
    scopes: text().array().$type<ApiTokenScope[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Chosen at creation (at most 365 days); refused with 401 "token expired" after.
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    // Both written at most once a minute per token, so a busy integration writes no row per call.
    lastUsedAt: timestamp({ withTimezone: true }),
    lastUsedAddress: text(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('api_tokens_user_idx').on(t.userId),
    check(
      'api_tokens_scopes_known',
      sql`cardinality(${t.scopes}) > 0 and ${t.scopes} <@ array['read', 'write', 'admin', 'events:ingest']::text[]`,
    ),
  ],
);

export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    clientAddress: text(),
    succeeded: boolean().notNull(),
    // False when the attempt was refused for coming too soon: its password was never checked,
    // and it does not count as a failure (or one persistent guesser would never get through).
    evaluated: boolean().notNull().default(true),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.email, t.attemptedAt),
    index('sign_in_attempts_address_idx').on(t.clientAddress, t.attemptedAt),
  ],
);

/** An administrator cleared an account's sign-in throttling: failures before it no longer count. */
export const signInUnlocks = pgTable(
  'sign_in_unlocks',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    unlockedBy: uuid().references(() => users.id),
    unlockedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_unlocks_email_idx').on(t.email, t.unlockedAt)],
);

export const passwordTokenPurposeEnum = pgEnum('password_token_purpose', ['invitation', 'reset']);
export type PasswordTokenPurpose = (typeof passwordTokenPurposeEnum.enumValues)[number];

// Set-password links (account invitation, password reset). The database holds no secret: the
// link is the row id plus an HMAC of it under AUTH_SECRET, computed by the worker when it
// sends the email, so neither this table nor the outbox payload can be turned into a link.
// Single use (usedAt), expiring, and a newer link for the same user revokes older ones.
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    purpose: passwordTokenPurposeEnum().notNull(),
    createdById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('password_tokens_open_idx')
      .on(t.userId)
      .where(sql`${t.usedAt} is null and ${t.revokedAt} is null`),
  ],
);

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type PasswordToken = typeof passwordTokens.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
