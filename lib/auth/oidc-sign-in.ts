import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { teams, type User } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { DomainError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';
import { createUser } from '@/lib/users/create-user';
import { getUserByEmail } from '@/lib/users/get-users';
import { updateUser } from '@/lib/users/update-user';
import { systemActor, userActor } from './actor';
import {
  claimValues,
  displayName,
  mappedRole,
  verifiedEmail,
  type OidcClaims,
} from './oidc-claims';
import type { Role } from './roles';
import type { OidcSettings } from './sso-env';

// A person the identity provider vouched for becomes a Vigil user here, or is refused. The
// provider's word is only trusted for what it says it checked: the account is found by an
// email address the provider marks verified, never by one it merely passes on.

export type OidcRefusal =
  'unverified-email' | 'unknown-user' | 'deactivated' | 'no-role' | 'not-applied';

export type OidcSignInResult =
  { ok: true; user: User; created: boolean } | { ok: false; reason: OidcRefusal; message?: string };

/** Changes made on the provider's say-so are logged as this actor ("system:oidc"). */
const OIDC_ACTOR = systemActor('oidc');

export async function signInWithOidc(
  db: Db,
  input: { claims: OidcClaims; settings: OidcSettings; clientAddress?: string | null },
): Promise<OidcSignInResult> {
  const { claims, settings } = input;
  const email = verifiedEmail(claims);
  if (!email) return refused('unverified-email', { sub: claims.sub });

  const role = settings.roleClaim ? mappedRole(claims, settings.roleClaim) : undefined;
  const teamIds = settings.teamsClaim ? await mappedTeamIds(db, claims, settings.teamsClaim) : [];

  let user = await getUserByEmail(db, email);
  let created = false;
  if (!user) {
    if (!settings.createUsers) return refused('unknown-user', { email });
    if (settings.roleClaim && !role) return refused('no-role', { email });
    const made = await createFromClaims(db, claims, email, role ?? settings.defaultRole, teamIds);
    user = made.user;
    created = made.created;
  }

  if (!user.active) return refusedFor(db, user, 'deactivated');
  if (settings.roleClaim && !role) return refusedFor(db, user, 'no-role');

  if (!created && (role || settings.teamsClaim)) {
    try {
      user = await updateUser(db, OIDC_ACTOR, user.id, {
        ...(role ? { role } : {}),
        ...(settings.teamsClaim ? { teamIds } : {}),
      });
    } catch (error) {
      // The last administrator losing the role, say: the sign-in is refused rather than
      // letting them in with a role the provider no longer grants.
      if (!(error instanceof DomainError)) throw error;
      const message =
        error instanceof ValidationError
          ? Object.values(error.fieldErrors).join(' ')
          : error.message;
      return refusedFor(db, user, 'not-applied', message);
    }
  }

  await db.transaction((tx) =>
    recordActivity(
      tx,
      { ...userActor(user), clientAddress: input.clientAddress ?? undefined },
      { action: 'user.signed-in-with-sso', entityType: 'user', entityId: user.id },
    ),
  );
  return { ok: true, user, created };
}

/** The ids of the Vigil teams the teams claim names (by name, ignoring case); other groups are not Vigil's. */
async function mappedTeamIds(db: Db, claims: OidcClaims, path: string): Promise<string[]> {
  const names = [...new Set(claimValues(claims, path).map((v) => v.trim().toLowerCase()))];
  if (!names.length) return [];
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(inArray(sql`lower(${teams.name})`, names));
  return rows.map((r) => r.id);
}

async function createFromClaims(
  db: Db,
  claims: OidcClaims,
  email: string,
  role: Role,
  teamIds: string[],
): Promise<{ user: User; created: boolean }> {
  try {
    const { user } = await createUser(db, OIDC_ACTOR, {
      email,
      name: displayName(claims, email),
      role,
      teamIds,
      // Nobody invites them: they arrived through the provider. The generated password is
      // never shown, so the account has no usable password until someone resets it.
      invite: false,
    });
    return { user, created: true };
  } catch (error) {
    // Two first sign-ins at once: the other one created the account.
    const existing = error instanceof ValidationError ? await getUserByEmail(db, email) : undefined;
    if (!existing) throw error;
    return { user: existing, created: false };
  }
}

function refused(reason: OidcRefusal, detail: Record<string, unknown>): OidcSignInResult {
  log('warn', 'single sign-on refused', { reason, ...detail });
  return { ok: false, reason };
}

/** A refusal of a known account is kept in its activity, where administrators look. */
async function refusedFor(
  db: Db,
  user: User,
  reason: OidcRefusal,
  message?: string,
): Promise<OidcSignInResult> {
  await db.transaction((tx) =>
    recordActivity(tx, OIDC_ACTOR, {
      action: 'user.sso-refused',
      entityType: 'user',
      entityId: user.id,
      changes: { reason: { old: null, new: message ? `${reason}: ${message}` : reason } },
    }),
  );
  log('warn', 'single sign-on refused', { reason, userId: user.id });
  return { ok: false, reason, message };
}
