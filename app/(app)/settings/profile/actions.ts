'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { updateNotificationPreferences } from '@/lib/notifications/preferences';
import { changeOwnPassword, updateProfile } from '@/lib/users/update-profile';

export async function updateProfileAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await updateProfile(getDb(), actor, {
      name: String(form.get('name') ?? ''),
      timeZone: String(form.get('timeZone') ?? ''),
    });
    return undefined;
  }, 'Saved.');
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

/** Changing the password ends every session, this one included: the person signs in again. */
export async function changePasswordAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  return toActionResult(async () => {
    await changeOwnPassword(getDb(), actor, {
      currentPassword: String(form.get('currentPassword') ?? ''),
      newPassword: String(form.get('newPassword') ?? ''),
      confirmPassword: String(form.get('confirmPassword') ?? ''),
    });
    return undefined;
  }, 'Password changed. Sign in again with the new password.');
}

export async function updateNotificationPreferencesAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await updateNotificationPreferences(getDb(), actor, {
      delivery: String(form.get('delivery') ?? '') as 'immediate' | 'digest',
      digestHour: String(form.get('digestHour') ?? ''),
      includeOwnChanges: form.get('includeOwnChanges') === 'on',
    });
    return undefined;
  }, 'Saved.');
  if (result.ok) revalidatePath('/settings/profile');
  return result;
}
