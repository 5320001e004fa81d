import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionResult } from './action-result';

/**
 * Where a form's save goes next: a refusal back to the form, to keep what was typed; a saved
 * item to its page under `basePath`, with "saved", after revalidating `basePath` (its layout
 * too when asked, so the item's own pages show the change).
 */
export function openSaved(
  result: ActionResult<{ id: string }>,
  basePath: string,
  revalidate?: 'layout',
): ActionResult<{ id: string }> {
  if (!result.ok) return result;
  revalidatePath(basePath, revalidate);
  redirect(`${basePath}/${result.data.id}?saved=1`);
}
