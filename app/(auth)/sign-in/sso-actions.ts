'use server';

import { safeCallbackPath } from '@/lib/auth/callback-path';
import { signIn } from '@/lib/auth/next-auth';
import { OIDC_PROVIDER_ID } from '@/lib/auth/oidc-provider';

/** Sends the browser to the identity provider; it comes back to /api/auth/callback/oidc. */
export async function signInWithSsoAction(form: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackPath(form.get('callbackUrl')) });
}
