'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { createUser } from '@/lib/users/create-user';
import { resetPassword } from '@/lib/users/reset-password';
import { setUserActive } from '@/lib/users/set-user-active';
import { unlockSignIn } from '@/lib/users/unlock-sign-in';
import { updateUser } from '@/lib/users/update-user';

export type CreatedUserResult = ActionResult<{ id: string; email: string; password?: string }>;

export async function createUserAction(
  _previous: unknown,
  form: FormData,
): Promise<CreatedUserResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const { user, generatedPassword } = await createUser(getDb(), actor, {
      email: String(form.get('email') ?? ''),
      name: String(form.get('name') ?? ''),
      role: String(form.get('role') ?? '') as never,
      timeZone: String(form.get('timeZone') ?? 'UTC'),
      password: String(form.get('password') ?? '') || undefined,
      teamIds: form.getAll('teamIds').map(String),
    });
    return { id: user.id, email: user.email, password: generatedPassword };
  });
  if (result.ok) revalidatePath('/settings/users');
  return result;
}

export async function updateUserAction(
  userId: string,
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await updateUser(getDb(), actor, userId, {
      name: String(form.get('name') ?? ''),
      role: String(form.get('role') ?? '') as never,
      timeZone: String(form.get('timeZone') ?? ''),
      teamIds: form.getAll('teamIds').map(String),
    });
    return undefined;
  }, 'Saved.');
  if (result.ok) revalidatePath('/settings/users');
  return result;
}

export async function resetPasswordAction(
  userId: string,
): Promise<ActionResult<{ password: string }>> {
  const actor = await currentActor();
  return toActionResult(() => resetPassword(getDb(), actor, userId));
}

export async function setUserActiveAction(userId: string, active: boolean): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(
    async () => {
      await setUserActive(getDb(), actor, userId, active);
      return undefined;
    },
    active ? 'Reactivated.' : 'Deactivated: their sessions and API tokens no longer work.',
  );
  if (result.ok) revalidatePath('/settings/users');
  return result;
}

export async function unlockSignInAction(userId: string): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await unlockSignIn(getDb(), actor, userId);
    return undefined;
  }, 'Unlocked: earlier failed sign-ins no longer slow them down.');
  if (result.ok) revalidatePath(`/settings/users/${userId}`);
  return result;
}
