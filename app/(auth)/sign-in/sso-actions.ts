'use server';

import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { signIn } from '@/lib/auth/next-auth';
import { OIDC_PROVIDER_ID } from '@/lib/auth/oidc-provider';
import { readSsoSettings } from '@/lib/auth/sso-env';

/** Sends the browser to the identity provider; it comes back to /api/auth/callback/oidc. */
export async function signInWithSsoAction(form: FormData): Promise<void> {
  // The button is shown only when single sign-on is configured; a request made without it
  // gets the sign-in page's "did not complete" rather than Auth.js failing on a missing provider.
  if (!readSsoSettings().oidc) redirect('/sign-in?sso=not-configured');
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackPath(form.get('callbackUrl')) });
}
