'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { createApiToken, revokeApiToken } from '@/lib/auth/api-tokens';
import { currentActor } from '@/lib/auth/session';

export async function createTokenAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ token: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const { token } = await createApiToken(getDb(), actor, {
      userId: actor.userId,
      name: String(form.get('name') ?? ''),
      // Absent when the form offers no choice (the user may not send events): a full token.
      scope: form.has('scope') ? (String(form.get('scope')) as never) : undefined,
    });
    return { token };
  });
  if (result.ok) revalidatePath('/settings/tokens');
  return result;
}

export async function revokeTokenAction(tokenId: string): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await revokeApiToken(getDb(), actor, tokenId);
    return undefined;
  }, 'Token revoked.');
  if (result.ok) revalidatePath('/settings/tokens');
  return result;
}
