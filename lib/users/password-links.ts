import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { passwordTokens, type PasswordTokenPurpose, type User } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { EmailPayload } from '@/lib/email/deliver-email';
import { getOrganization } from '@/lib/organization/get-organization';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { formatDateTime } from '@/lib/time/format';

/** How long a set-password link works: a week to accept an invitation, a day for a reset. */
export const PASSWORD_LINK_LIFETIME_MS: Record<PasswordTokenPurpose, number> = {
  invitation: 7 * 24 * 3600 * 1000,
  reset: 24 * 3600 * 1000,
};

/**
 * In the caller's transaction: ends the user's unused set-password links (all but `exceptId`).
 * A new link, a password the user chose and deactivation all do, so an old email in someone
 * else's hands stops working. Returns how many ended.
 */
export async function revokeOpenPasswordLinks(
  tx: Tx,
  userId: string,
  exceptId?: string,
): Promise<number> {
  const revoked = await tx
    .update(passwordTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(passwordTokens.userId, userId),
        exceptId ? ne(passwordTokens.id, exceptId) : undefined,
        isNull(passwordTokens.usedAt),
        isNull(passwordTokens.revokedAt),
      ),
    )
    .returning({ id: passwordTokens.id });
  return revoked.length;
}

/**
 * In the caller's transaction: revokes the user's earlier unused links, records a new one
 * and queues its email (account invitation or password reset). The outbox payload names
 * the token row only; the worker signs the link as it sends, so the email never carries a
 * password and the database never holds a usable link. Returns when the link expires.
 */
export async function queuePasswordLink(
  tx: Tx,
  actor: Actor,
  user: Pick<User, 'id' | 'email' | 'name' | 'timeZone'>,
  purpose: PasswordTokenPurpose,
): Promise<Date> {
  const expiresAt = new Date(Date.now() + PASSWORD_LINK_LIFETIME_MS[purpose]);
  await revokeOpenPasswordLinks(tx, user.id);
  const [token] = await tx
    .insert(passwordTokens)
    .values({
      userId: user.id,
      purpose,
      createdById: actor.kind === 'user' ? actor.userId : null,
      expiresAt,
    })
    .returning({ id: passwordTokens.id });

  const by = actor.kind === 'user' ? actor.name : 'An administrator';
  const expires = formatDateTime(expiresAt, user.timeZone);
  const payload: EmailPayload =
    purpose === 'invitation'
      ? {
          template: 'account-invitation',
          to: user.email,
          props: {
            name: user.name,
            email: user.email,
            invitedBy: by,
            organization: (await getOrganization(tx))?.name ?? 'your organization',
            expires,
            reason:
              'You are getting this because an administrator created a Vigil account for this address. If you did not expect it, ignore this email.',
          },
          passwordLink: { tokenId: token.id },
        }
      : {
          template: 'password-reset',
          to: user.email,
          props: {
            name: user.name,
            resetBy: by,
            expires,
            reason:
              'You are getting this because an administrator reset the password of your Vigil account. If you did not ask for it, tell your security team.',
          },
          passwordLink: { tokenId: token.id },
        };
  await enqueueOutbox(tx, { kind: 'email', topic: payload.template, payload });
  return expiresAt;
}
