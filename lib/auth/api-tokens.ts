import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { apiTokens, users, type ApiToken } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { userActor, type Actor, type UserActor } from './actor';
import { API_TOKEN_SCOPE_LABELS, API_TOKEN_SCOPES, type ApiTokenScope } from './api-token-scopes';
import { can, assertCan, roleCan } from './permissions';
import { ROLE_LABELS } from './roles';

// Bearer tokens for /api/v1: `vgl_` + 256 random bits. Only the SHA-256 is stored; a token
// acts with its user's current role and stops working when revoked. Deactivation and every
// change of password revoke all the user's tokens (revokeApiTokensOfUser), so reactivating an
// account or recovering it from someone who knew the old password revives none of them.
// Its scope narrows that further: 'api' is the whole /api/v1, 'events:ingest' only sending log
// events (POST /api/v1/events and /api/ingest/es), so a shipper's config file leaks no more.

const PREFIX = 'vgl_';

export { API_TOKEN_SCOPE_LABELS, API_TOKEN_SCOPES, type ApiTokenScope };

/** A token's actor, and what the token may be used for. */
export type AuthenticatedToken = UserActor & { tokenScope: ApiTokenScope };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const createTokenInput = z.object({
  userId: z.uuid(),
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after what uses it.')
    .max(80, 'Use at most 80 characters.'),
  scope: z.enum(API_TOKEN_SCOPES, 'Choose what the token may do.').default('api'),
});

/**
 * Anyone may create full API tokens for themselves; a user who may send log events, ingest
 * tokens for themselves; administrators either for anyone whose role allows it. Returns the
 * token once.
 */
export async function createApiToken(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof createTokenInput>,
): Promise<{ token: string; record: ApiToken }> {
  const input = parseInput(createTokenInput, rawInput);
  const own = actor.kind === 'user' && actor.userId === input.userId;
  if (!own) assertCan(actor, 'users.manage');
  else if (input.scope === 'events:ingest') assertCan(actor, 'events.ingest');

  const token = PREFIX + randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ id: users.id, active: users.active, role: users.role })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!owner || !owner.active)
      throw new NotFoundError('That user does not exist or is deactivated.');
    // An ingest token of someone who may not send events would be refused at every call.
    if (input.scope === 'events:ingest' && !roleCan(owner.role, 'events.ingest'))
      throw new ValidationError({
        scope: `A ${ROLE_LABELS[owner.role]} cannot send log events; only Administrators and Power Users can.`,
      });
    const [record] = await tx
      .insert(apiTokens)
      .values({
        userId: input.userId,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        scope: input.scope,
      })
      .returning();
    await recordActivity(tx, actor, {
      action: 'api-token.created',
      entityType: 'api-token',
      entityId: record.id,
      changes: {
        name: { old: null, new: record.name },
        userId: { old: null, new: record.userId },
        scope: { old: null, new: record.scope },
      },
    });
    return { token, record };
  });
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

export async function getApiTokensOfUser(db: DbOrTx, userId: string): Promise<ApiToken[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Whether a string has the shape of a Vigil token (used to tell it apart in a Basic pair). */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length <= 100;
}

/**
 * The actor a token stands for, with the token's scope; undefined for an unknown, revoked or
 * deactivated one. The route decides whether the scope fits (lib/api/with-api-auth.ts).
 */
export async function authenticateApiToken(
  db: DbOrTx,
  token: string,
): Promise<AuthenticatedToken | undefined> {
  if (!looksLikeApiToken(token)) return undefined;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      scope: apiTokens.scope,
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
  if (!row) return undefined;
  // Recorded at most once a minute so a busy integration does not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, row.tokenId));
  }
  return { ...userActor(row.user), tokenScope: row.scope };
}
