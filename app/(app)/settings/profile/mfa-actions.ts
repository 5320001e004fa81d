'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { regenerateRecoveryCodes } from '@/lib/users/mfa-enrolment';
import { disableSecondFactor } from '@/lib/users/mfa-removal';

export type ManageSecondFactorResult = ActionResult<{ recoveryCodes?: string[] }>;

/** New recovery codes for the signed-in user, confirmed with a current code. */
export async function regenerateRecoveryCodesAction(
  _previous: unknown,
  form: FormData,
): Promise<ManageSecondFactorResult> {
  const actor = await currentActor();
  // No revalidation: the new codes are shown once, from this answer.
  return toActionResult(
    () => regenerateRecoveryCodes(getDb(), actor, actor.userId, String(form.get('code') ?? '')),
    'New recovery codes made; the old ones no longer work.',
  );
}

/** Turns the signed-in user's two-step sign-in off, confirmed with a current code. */
export async function disableSecondFactorAction(
  _previous: unknown,
  form: FormData,
): Promise<ManageSecondFactorResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await disableSecondFactor(getDb(), actor, actor.userId, String(form.get('code') ?? ''));
    return {};
  }, 'Two-step sign-in is off.');
  if (result.ok) revalidatePath('/settings/profile');
  return result;
}
