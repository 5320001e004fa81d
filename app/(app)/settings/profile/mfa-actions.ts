'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { regenerateRecoveryCodes } from '@/lib/users/mfa-enrolment';
import { disableSecondFactor } from '@/lib/users/mfa-removal';

export type ManageSecondFactorResult = ActionResult<{ recoveryCodes?: string[] }>;

/** One form, two buttons: new recovery codes, or turn two-step sign-in off; both need a code. */
export async function manageSecondFactorAction(
  _previous: unknown,
  form: FormData,
): Promise<ManageSecondFactorResult> {
  const actor = await currentActor();
  const code = String(form.get('code') ?? '');
  if (form.get('intent') === 'disable') {
    const result = await toActionResult(async () => {
      await disableSecondFactor(getDb(), actor, actor.userId, code);
      return {};
    }, 'Two-step sign-in is off.');
    if (result.ok) revalidatePath('/settings/profile');
    return result;
  }
  // No revalidation: the new codes are shown once, from this answer.
  return toActionResult(
    () => regenerateRecoveryCodes(getDb(), actor, actor.userId, code),
    'New recovery codes made; the old ones no longer work.',
  );
}
