'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { createTeam } from '@/lib/teams/teams';

export async function createTeamAction(_previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await createTeam(getDb(), actor, {
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
    });
    return undefined;
  }, 'Team created. Add members from each user’s page.');
  if (result.ok) revalidatePath('/settings/teams');
  return result;
}
