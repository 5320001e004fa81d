'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import {
  addHoliday,
  removeHoliday,
  updateOrganization,
} from '@/lib/organization/update-organization';

export async function updateOrganizationAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  const field = (name: string) => String(form.get(name) ?? '');
  const result = await toActionResult(async () => {
    await updateOrganization(getDb(), actor, {
      name: field('name'),
      timeZone: field('timeZone'),
      onCallInstructions: field('onCallInstructions'),
      onCallPhone: field('onCallPhone'),
      eventRetentionDays: field('eventRetentionDays'),
      sessionIdleMinutes: field('sessionIdleMinutes'),
      sessionMaxHours: field('sessionMaxHours'),
      fallbackOwner: field('fallbackOwner'),
    });
    return undefined;
  }, 'Saved.');
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function addHolidayAction(_previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await addHoliday(getDb(), actor, {
      day: String(form.get('day') ?? ''),
      name: String(form.get('name') ?? ''),
    });
    return undefined;
  }, 'Holiday added.');
  if (result.ok) revalidatePath('/settings/organization');
  return result;
}

export async function removeHolidayAction(day: string): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await removeHoliday(getDb(), actor, day);
    return undefined;
  });
  if (result.ok) revalidatePath('/settings/organization');
  return result;
}
