'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { REQUESTED_PATH_HEADER, signInPath } from '@/lib/auth/callback-path';
import { actorFor, getSignedInUser } from '@/lib/auth/session';
import { confirmTotpEnrolment } from '@/lib/users/mfa-enrolment';

export type EnrolmentResult = ActionResult<{ recoveryCodes: string[] }>;

// Reached by users the organization has not let further yet, so it reads getSignedInUser
// rather than currentActor (which would send them straight back here).
export async function confirmEnrolmentAction(
  _previous: unknown,
  form: FormData,
): Promise<EnrolmentResult> {
  const user = await getSignedInUser();
  if (!user) redirect(signInPath((await headers()).get(REQUESTED_PATH_HEADER)));
  const actor = await actorFor(user);
  // No revalidation: the page would re-render as "set up" and drop the codes shown once.
  return toActionResult(
    () => confirmTotpEnrolment(getDb(), actor, user.id, String(form.get('code') ?? '')),
    'Two-step sign-in is on.',
  );
}
