'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { retryOutboxMessage } from '@/lib/outbox/retry-outbox-message';

export async function retryOutboxAction(_previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await retryOutboxMessage(getDb(), actor, Number(form.get('id')));
    return undefined;
  }, 'Queued again.');
  if (result.ok) revalidatePath('/settings/outbox');
  return result;
}
