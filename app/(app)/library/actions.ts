'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { copyTemplates } from '@/lib/library/copy-templates';
import { copiedParam } from './copied';

export async function copyTemplatesAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ copied: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const watchers = form.getAll('watcher').map((value) => {
      const userId = String(value);
      return {
        userId,
        frequency: String(form.get(`frequency-${userId}`) ?? 'all') as 'all' | 'opened_closed',
      };
    });
    const copies = await copyTemplates(getDb(), actor, {
      keys: form.getAll('keys').map(String),
      timeZone: String(form.get('timeZone') ?? ''),
      active: form.get('active') === 'on',
      owner: String(form.get('owner') ?? ''),
      watchers,
    });
    return { copied: copiedParam(copies) };
  });
  if (!result.ok) return result;
  revalidatePath('/schedules');
  // Back to the library, which confirms the copies with a link to each, ready to tailor.
  redirect(`/library?copied=${result.data.copied}`);
}
