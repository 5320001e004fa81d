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
      // The domain refuses an unknown or unchosen scope with a message on the field.
      scopes: form.getAll('scopes').map(String) as never,
      expiresInDays: String(form.get('expiresInDays') ?? ''),
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
