'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { feedUrl } from '@/lib/calendar/feed-secret';
import {
  createScheduleCalendarFeed,
  revokeScheduleCalendarFeed,
} from '@/lib/calendar/manage-feeds';
import { publicBaseUrl } from '@/lib/calendar/public-url';

export async function createScheduleFeedAction(
  scheduleId: string,
): Promise<ActionResult<{ url: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const { secret } = await createScheduleCalendarFeed(getDb(), actor, { scheduleId });
    return { url: feedUrl(publicBaseUrl(), 'schedules', secret) };
  });
  if (result.ok) revalidatePath(`/schedules/${scheduleId}`);
  return result;
}

export async function revokeScheduleFeedAction(scheduleId: string): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await revokeScheduleCalendarFeed(getDb(), actor, { scheduleId });
    return undefined;
  }, 'Feed address revoked.');
  if (result.ok) revalidatePath(`/schedules/${scheduleId}`);
  return result;
}
