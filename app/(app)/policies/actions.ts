'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { openSaved } from '@/lib/actions/open-saved';
import { currentActor } from '@/lib/auth/session';
import { createCustomPolicy } from '@/lib/policies/create-policy';
import { policyFormToInput, policyFormToUpdate } from '@/lib/policies/form-data';
import { reactivatePolicy, retirePolicy } from '@/lib/policies/retire-policy';
import { updateCustomPolicy } from '@/lib/policies/update-policy';

export async function createPolicyAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const policy = await createCustomPolicy(getDb(), actor, policyFormToInput(form));
    return { id: policy.id };
  });
  return openSaved(result, '/policies');
}

export async function updatePolicyAction(
  policyId: string,
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await updateCustomPolicy(getDb(), actor, policyId, policyFormToUpdate(form));
    return { id: policyId };
  });
  return openSaved(result, '/policies', 'layout');
}

export async function retirePolicyAction(
  policyId: string,
  version: number,
  reason: string,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await retirePolicy(getDb(), actor, policyId, { version, reason });
    return undefined;
  }, 'Retired: no longer offered where policies are chosen; what it is attached to still shows it.');
  if (result.ok) revalidatePath('/policies', 'layout');
  return result;
}

export async function reactivatePolicyAction(
  policyId: string,
  version: number,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await reactivatePolicy(getDb(), actor, policyId, { version });
    return undefined;
  }, 'Reactivated: offered again where policies are chosen.');
  if (result.ok) revalidatePath('/policies', 'layout');
  return result;
}
