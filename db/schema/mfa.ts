import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

// A user's authenticator (TOTP). One row per user: a row without confirmedAt is an enrolment
// in progress and does not protect sign-in until a code from the app confirms it.
export const userTotp = pgTable('user_totp', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  // AES-256-GCM under a key derived from AUTH_SECRET (lib/auth/totp-secret.ts): a copy of the
  // database or a backup alone cannot mint codes.
  secretEncrypted: text().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  // The 30-second step of the last code accepted: a code is refused at or before it, so an
  // overheard code cannot be replayed within its window.
  lastUsedStep: bigint({ mode: 'number' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// Ten single-use codes for signing in without the authenticator. Only an HMAC of each code is
// kept (keyed from AUTH_SECRET, so the table alone cannot be brute-forced offline); a new set
// deletes the old one.
export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull().unique(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_recovery_codes_user_idx').on(t.userId)],
);

export type UserTotp = typeof userTotp.$inferSelect;
