import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { passwordTokens, users, type PasswordTokenPurpose } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { UserActor } from '@/lib/auth/actor';
import { revokeApiTokensOfUser } from '@/lib/auth/api-tokens';
import { hashPassword } from '@/lib/auth/password';
import { verifyPasswordToken } from '@/lib/auth/password-token';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { revokeOpenPasswordLinks } from './password-links';
import { passwordSchema } from './schemas';

export type PasswordLinkProblem = 'invalid' | 'expired' | 'used';

export type PasswordLinkCheck =
  | { ok: true; purpose: PasswordTokenPurpose; name: string; email: string; expiresAt: Date }
  | { ok: false; problem: PasswordLinkProblem };

export const PASSWORD_LINK_PROBLEMS: Record<PasswordLinkProblem, string> = {
  invalid:
    'This link is not valid: it was changed or cut short. Use the link from the email as it is.',
  expired: 'This link has expired. Ask an administrator to reset your password for a new one.',
  used: 'This link has already been used, or a newer one was sent. Sign in, or ask an administrator for a new link.',
};

export const setPasswordWithLinkInput = z
  .object({
    token: z.string().max(200),
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords differ.',
  });
export type SetPasswordWithLinkInput = z.input<typeof setPasswordWithLinkInput>;

/** Whether a set-password link can be used, and whose it is: the page shows the form or why not. */
export async function checkPasswordLink(
  db: DbOrTx,
  secret: string,
  token: string,
): Promise<PasswordLinkCheck> {
  const id = verifyPasswordToken(secret, token);
  if (!id) return { ok: false, problem: 'invalid' };
  const [row] = await db
    .select({
      purpose: passwordTokens.purpose,
      expiresAt: passwordTokens.expiresAt,
      usedAt: passwordTokens.usedAt,
      revokedAt: passwordTokens.revokedAt,
      name: users.name,
      email: users.email,
      active: users.active,
    })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.id, id));
  if (!row || !row.active) return { ok: false, problem: 'invalid' };
  if (row.usedAt || row.revokedAt) return { ok: false, problem: 'used' };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, problem: 'expired' };
  return {
    ok: true,
    purpose: row.purpose,
    name: row.name,
    email: row.email,
    expiresAt: row.expiresAt,
  };
}

/**
 * The person holding a set-password link (invitation or reset) chooses their password. The
 * link is checked and spent in the same transaction that sets the password, ends the user's
 * other sessions (session_version), revokes their other open links and their API tokens and
 * logs it, with the
 * user as the actor: proving the link is proving who they are.
 */
export async function setPasswordWithLink(
  db: Db,
  secret: string,
  rawInput: SetPasswordWithLinkInput,
  context: { requestId?: string; clientAddress?: string } = {},
): Promise<{ email: string }> {
  const tokenId = verifyPasswordToken(secret, String(rawInput.token ?? ''));
  if (!tokenId) throw linkError('invalid');
  const input = parseInput(setPasswordWithLinkInput, rawInput);
  const passwordHash = await hashPassword(input.password);

  return db.transaction(async (tx) => {
    // Spending the link is the guard: of two submissions racing, the second waits for the
    // first's row lock, then finds it used and changes nothing.
    const [spent] = await tx
      .update(passwordTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(passwordTokens.id, tokenId),
          isNull(passwordTokens.usedAt),
          isNull(passwordTokens.revokedAt),
          gt(passwordTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: passwordTokens.userId, purpose: passwordTokens.purpose });
    if (!spent) {
      const check = await checkPasswordLink(tx, secret, input.token);
      throw linkError(check.ok ? 'used' : check.problem);
    }
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(users.id, spent.userId), eq(users.active, true)))
      .returning();
    if (!user) throw linkError('invalid');
    await revokeOpenPasswordLinks(tx, user.id, tokenId);
    const actor: UserActor = {
      kind: 'user',
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      ...context,
    };
    // The log says that it happened and by which kind of link, never the password.
    await recordActivity(tx, actor, {
      action: 'user.password-set',
      entityType: 'user',
      entityId: user.id,
      changes: { link: { old: null, new: spent.purpose } },
    });
    await revokeApiTokensOfUser(tx, actor, user.id, 'password-set');
    return { email: user.email };
  });
}

function linkError(problem: PasswordLinkProblem): ValidationError {
  return new ValidationError(
    { token: PASSWORD_LINK_PROBLEMS[problem] },
    PASSWORD_LINK_PROBLEMS[problem],
  );
}
