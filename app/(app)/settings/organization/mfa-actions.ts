'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { updateMfaRequirement } from '@/lib/organization/update-mfa-requirement';

export async function updateMfaRequirementAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await updateMfaRequirement(getDb(), actor, {
      mfaRequiredFor: String(form.get('mfaRequiredFor') ?? '') as never,
    });
    return undefined;
  }, 'Saved.');
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
