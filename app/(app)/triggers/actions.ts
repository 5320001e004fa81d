'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { openSaved } from '@/lib/actions/open-saved';
import { currentActor } from '@/lib/auth/session';
import { createTrigger } from '@/lib/triggers/create-trigger';
import { exampleOrigin, triggerFormToInput } from '@/lib/triggers/form-data';
import { setTriggerActive, updateTrigger } from '@/lib/triggers/update-trigger';

export async function createTriggerAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const trigger = await createTrigger(getDb(), actor, triggerFormToInput(form), {
      origin: exampleOrigin(form),
    });
    return { id: trigger.id };
  });
  return openSaved(result, '/triggers');
}

export async function updateTriggerAction(
  triggerId: string,
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await updateTrigger(getDb(), actor, triggerId, {
      ...triggerFormToInput(form),
      version: Number(form.get('version')),
    });
    return { id: triggerId };
  });
  return openSaved(result, '/triggers', 'layout');
}

export async function setTriggerActiveAction(
  triggerId: string,
  version: number,
  active: boolean,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(
    async () => {
      await setTriggerActive(getDb(), actor, triggerId, { version, active });
      return undefined;
    },
    active
      ? 'Resumed: it counts from this minute on; the time it was paused is not evaluated.'
      : 'Paused: no window is evaluated until it is resumed. Its record and incidents are kept.',
  );
  if (result.ok) revalidatePath('/triggers', 'layout');
  return result;
}
