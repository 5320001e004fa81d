'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { copyTemplates } from '@/lib/library/copy-templates';

export async function copyTemplatesAction(_previous: unknown, form: FormData): Promise<ActionResult<{ ids: string[] }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const watchers = form.getAll('watcher').map((value) => {
      const userId = String(value);
      return { userId, frequency: String(form.get(`frequency-${userId}`) ?? 'all') as 'all' | 'opened_closed' };
    });
    const copies = await copyTemplates(getDb(), actor, {
      keys: form.getAll('keys').map(String),
      timeZone: String(form.get('timeZone') ?? ''),
      active: form.get('active') === 'on',
      owner: String(form.get('owner') ?? ''),
      watchers,
    });
    return { ids: copies.map((c) => c.id) };
  });
  if (!result.ok) return result;
  revalidatePath('/schedules');
  // One copy opens it (with its next steps); several show them in the list, newest tags first.
  redirect(result.data.ids.length === 1 ? `/schedules/${result.data.ids[0]}` : '/schedules');
}
