import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { apiTokens, users, type ApiToken } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { userActor, type Actor, type UserActor } from './actor';
import {
  API_TOKEN_SCOPE_LABELS,
  API_TOKEN_SCOPES,
  DEFAULT_TOKEN_DAYS,
  defaultScopesFor,
  MAX_TOKEN_DAYS,
  roleAllowsScope,
  type ApiTokenScope,
} from './api-token-scopes';
import { can, assertCan } from './permissions';
import { ROLE_LABELS, type Role } from './roles';

// Bearer tokens for /api/v1: `vgl_` + 256 random bits. Only the SHA-256 is stored; a token
// acts with its user's current role and stops working when revoked or expired. Deactivation and
// every change of password revoke all the user's tokens (revokeApiTokensOfUser), so
// reactivating an account or recovering it from someone who knew the old password revives none.
// Its scopes narrow that further (lib/auth/api-token-scopes.ts): read, write, admin and
// events:ingest, checked per route by lib/api/with-api-auth.ts; a shipper's leaked config file
// opens no more than sending events.

const PREFIX = 'vgl_';
const DAY_MS = 24 * 60 * 60 * 1000;
// Last use is written at most this often per token: no write per request.
export const LAST_USED_INTERVAL_MS = 60_000;

export { API_TOKEN_SCOPE_LABELS, API_TOKEN_SCOPES, type ApiTokenScope };

/** A token's actor, and what the token may be used for. */
export type AuthenticatedToken = UserActor & { tokenScopes: ApiTokenScope[] };

/** Why a bearer was not accepted, or the actor it stands for. */
export type TokenCheck =
  | { ok: true; token: AuthenticatedToken }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'expired'; expiredAt: Date };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const createTokenInput = z.object({
  userId: z.uuid(),
  name: z
    .string()
    .max(80, 'Use at most 80 characters.')
    .trim()
    .min(1, 'Name the token after what uses it.'),
  // Absent: what the user's role can use of /api/v1 (defaultScopesFor).
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES, 'Choose what the token may do.'))
    .min(1, 'Choose at least one thing the token may do.')
    .optional(),
  expiresInDays: z.coerce
    .number({ error: 'Give the number of days the token lives.' })
    .int('Give a whole number of days.')
    .min(1, 'A token lives at least 1 day.')
    .max(MAX_TOKEN_DAYS, `A token lives at most ${MAX_TOKEN_DAYS} days.`)
    .default(DEFAULT_TOKEN_DAYS),
});

export type CreateApiTokenInput = z.input<typeof createTokenInput>;

/**
 * Anyone may create tokens for themselves, administrators for anyone; either way only with
 * scopes the owner's role can use (a Read-only user gets no write token). Returns the token once.
 */
export async function createApiToken(
  db: Db,
  actor: Actor,
  rawInput: CreateApiTokenInput,
): Promise<{ token: string; record: ApiToken }> {
  const input = parseInput(createTokenInput, rawInput);
  const own = actor.kind === 'user' && actor.userId === input.userId;
  if (!own) assertCan(actor, 'users.manage');

  const token = PREFIX + randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ id: users.id, active: users.active, role: users.role })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!owner || !owner.active)
      throw new NotFoundError('That user does not exist or is deactivated.');
    const scopes = [...new Set(input.scopes ?? defaultScopesFor(owner.role))];
    // A scope the role cannot use would be refused at every call: say so now.
    const beyond = scopes.filter((scope) => !roleAllowsScope(owner.role, scope));
    if (beyond.length)
      throw new ValidationError({
        scopes:
          `A ${ROLE_LABELS[owner.role]} cannot have a token that may ` +
          `${beyond.map((s) => `“${API_TOKEN_SCOPE_LABELS[s]}”`).join(' or ')}; ` +
          `their role allows ${allowedScopesText(owner.role)}.`,
      });
    const ordered = API_TOKEN_SCOPES.filter((s) => scopes.includes(s));
    const [record] = await tx
      .insert(apiTokens)
      .values({
        userId: input.userId,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        scopes: ordered,
        expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
      })
      .returning();
    await recordActivity(tx, actor, {
      action: 'api-token.created',
      entityType: 'api-token',
      entityId: record.id,
      changes: {
        name: { old: null, new: record.name },
        userId: { old: null, new: record.userId },
        scopes: { old: null, new: record.scopes },
        expiresAt: { old: null, new: record.expiresAt.toISOString() },
      },
    });
    return { token, record };
  });
}

function allowedScopesText(role: Role): string {
  return API_TOKEN_SCOPES.filter((s) => roleAllowsScope(role, s))
    .map((s) => `“${API_TOKEN_SCOPE_LABELS[s]}”`)
    .join(', ');
}

export async function revokeApiToken(db: Db, actor: Actor, tokenId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [record] = await tx
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId))
      .for('update');
    const own = record && actor.kind === 'user' && actor.userId === record.userId;
    if (!record || (!own && !can(actor, 'users.manage')))
      throw new NotFoundError('That token does not exist.');
    if (record.revokedAt) return;
    await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiTokens.id, tokenId));
    await recordActivity(tx, actor, {
      action: 'api-token.revoked',
      entityType: 'api-token',
      entityId: tokenId,
      changes: { revoked: { old: false, new: true } },
    });
  });
}

/** Why all of a user's tokens were revoked at once, as the activity row names it. */
export type TokenRevocationReason =
  'password-changed' | 'password-reset' | 'password-set' | 'deactivated';

/**
 * In the caller's transaction: revokes every live token of the user and, when there were any,
 * logs how many and why. The caller's own permission check covers it.
 */
export async function revokeApiTokensOfUser(
  tx: Tx,
  actor: Actor,
  userId: string,
  reason: TokenRevocationReason,
): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length)
    await recordActivity(tx, actor, {
      action: 'user.api-tokens-revoked',
      entityType: 'user',
      entityId: userId,
      changes: {
        revokedApiTokens: { old: null, new: revoked.length },
        reason: { old: null, new: reason },
      },
    });
  return revoked.length;
}

/** A token as listed, with whether it is past its expiry (by the database's clock). */
export type ListedApiToken = ApiToken & { expired: boolean };

export async function getApiTokensOfUser(db: DbOrTx, userId: string): Promise<ListedApiToken[]> {
  return db
    .select({
      ...getTableColumns(apiTokens),
      expired: sql<boolean>`${apiTokens.expiresAt} <= now()`,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Whether a string has the shape of a Vigil token (used to tell it apart in a Basic pair). */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length <= 100;
}

/**
 * The actor a token stands for, with the token's scopes; or why it is not accepted: unknown,
 * revoked, its user deactivated (all 'unknown', so a guess learns nothing) or expired. The
 * route decides whether the scopes fit (lib/api/with-api-auth.ts). Last use (time and client
 * address) is recorded at most once a minute per token.
 */
export async function checkApiToken(
  db: DbOrTx,
  token: string,
  clientAddress?: string | null,
): Promise<TokenCheck> {
  if (!looksLikeApiToken(token)) return { ok: false, reason: 'unknown' };
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      scopes: apiTokens.scopes,
      user: users,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        eq(users.active, true),
      ),
    );
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.expiresAt.getTime() <= Date.now())
    return { ok: false, reason: 'expired', expiredAt: row.expiresAt };
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS) {
    // The condition is repeated in SQL so concurrent calls of one token write once, not each.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()`, lastUsedAddress: clientAddress ?? null })
      .where(
        and(
          eq(apiTokens.id, row.tokenId),
          sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} <= now() - ${`${LAST_USED_INTERVAL_MS} milliseconds`}::interval)`,
        ),
      );
  }
  return { ok: true, token: { ...userActor(row.user), tokenScopes: row.scopes } };
}

/** The actor a token stands for; undefined when it is not accepted, for whatever reason. */
export async function authenticateApiToken(
  db: DbOrTx,
  token: string,
  clientAddress?: string | null,
): Promise<AuthenticatedToken | undefined> {
  const check = await checkApiToken(db, token, clientAddress);
  return check.ok ? check.token : undefined;
}
