'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { feedUrl } from '@/lib/calendar/feed-secret';
import { createPersonCalendarFeed, revokePersonCalendarFeed } from '@/lib/calendar/manage-feeds';
import { publicBaseUrl } from '@/lib/calendar/public-url';

export async function createPersonFeedAction(): Promise<ActionResult<{ url: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const { secret } = await createPersonCalendarFeed(getDb(), actor, { userId: actor.userId });
    return { url: feedUrl(publicBaseUrl(), 'people', secret) };
  });
  if (result.ok) revalidatePath('/settings/profile');
  return result;
}

export async function revokePersonFeedAction(): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await revokePersonCalendarFeed(getDb(), actor, { userId: actor.userId });
    return undefined;
  }, 'Feed address revoked.');
  if (result.ok) revalidatePath('/settings/profile');
  return result;
}
