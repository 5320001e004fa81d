import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { sessionEndedMessage } from '@/lib/auth/session-ended-message';
import { getCurrentUser } from '@/lib/auth/session';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{
    callbackUrl?: string;
    passwordSet?: string;
    email?: string;
    ended?: string;
    after?: string;
  }>;
}) {
  const { callbackUrl, passwordSet, email, ended, after } = await searchParams;
  const endedMessage = sessionEndedMessage(ended, after);
  // Already signed in (another tab): straight to the page the link was for.
  if (await getCurrentUser()) redirect(safeCallbackPath(callbackUrl));
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
          <SignInForm callbackUrl={callbackUrl && safeCallbackPath(callbackUrl)} email={email} />
        </div>
      </div>
    </main>
  );
}
