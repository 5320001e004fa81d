import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { mfaRequirementEnum, organization, type MfaRequirement } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { hasSecondFactor, secondFactorRequiredFor } from '@/lib/users/mfa-requirement';
import { parseInput } from '@/lib/validation';

export const mfaRequirementInput = z.object({
  mfaRequiredFor: z.enum(mfaRequirementEnum.enumValues, {
    error: 'Choose who must use two-step sign-in.',
  }),
});

/**
 * Sets who must sign in with a second factor. People it newly covers who have none are sent
 * to set one up on their next click. The administrator making the change must already have
 * one if it covers them, or they would lock themselves into the setup page by surprise.
 */
export async function updateMfaRequirement(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof mfaRequirementInput>,
): Promise<MfaRequirement> {
  assertCan(actor, 'organization.manage');
  const { mfaRequiredFor } = parseInput(mfaRequirementInput, rawInput);
  if (
    actor.kind === 'user' &&
    secondFactorRequiredFor(actor.role, mfaRequiredFor) &&
    !(await hasSecondFactor(db, actor.userId))
  )
    throw new ConflictError(
      'Set up two-step sign-in for yourself first (Settings → Your profile), then require it.',
    );
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organization).for('update');
    if (!before)
      throw new NotFoundError(
        'The organization has not been set up yet: run `npm run vigil -- seed`.',
      );
    if (before.mfaRequiredFor === mfaRequiredFor) return mfaRequiredFor;
    await tx.update(organization).set({ mfaRequiredFor, updatedAt: sql`now()` });
    await recordActivity(tx, actor, {
      action: 'organization.updated',
      entityType: 'organization',
      entityId: '1',
      changes: { mfaRequiredFor: { old: before.mfaRequiredFor, new: mfaRequiredFor } },
    });
    return mfaRequiredFor;
  });
}
