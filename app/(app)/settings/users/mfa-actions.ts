'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { resetSecondFactor } from '@/lib/users/mfa-removal';

export async function resetSecondFactorAction(userId: string): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await resetSecondFactor(getDb(), actor, userId);
    return undefined;
  }, 'Two-step sign-in reset; they have been emailed.');
  if (result.ok) revalidatePath(`/settings/users/${userId}`);
  return result;
}
