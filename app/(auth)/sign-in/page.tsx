import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { getSignedInUser } from '@/lib/auth/session';
import { sessionEndedMessage } from '@/lib/auth/session-ended-message';
import { readSsoSettings } from '@/lib/auth/sso-env';
import { SignInForm } from './sign-in-form';
import { SsoSignIn } from './sso-sign-in';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{
    callbackUrl?: string;
    passwordSet?: string;
    email?: string;
    sso?: string;
    error?: string;
    password?: string;
    ended?: string;
    after?: string;
  }>;
}) {
  const { callbackUrl, passwordSet, email, ended, after, ...ssoParams } = await searchParams;
  const sso = readSsoSettings();
  const endedMessage = sessionEndedMessage(ended, after);
  // Already signed in (another tab): straight to the page the link was for (or to set up the
  // second factor the organization requires, which that page insists on).
  if (await getSignedInUser()) redirect(safeCallbackPath(callbackUrl));
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-900">Vigil</p>
          <h1 className="mt-2 text-sm text-slate-600">
            Sign in to your security team&apos;s workspace
          </h1>
        </div>
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {passwordSet && <Alert tone="success">Your password is set. Sign in with it.</Alert>}
          {endedMessage && <Alert tone="info">{endedMessage}</Alert>}
          <SsoSignIn settings={sso} params={ssoParams} callbackUrl={callbackUrl}>
            <SignInForm callbackUrl={callbackUrl && safeCallbackPath(callbackUrl)} email={email} />
          </SsoSignIn>
        </div>
      </div>
    </main>
  );
}
