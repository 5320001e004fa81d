import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { Alert } from '@/components/ui/alert';
import { checkPasswordLink, PASSWORD_LINK_PROBLEMS } from '@/lib/users/set-password-with-link';
import { SetPasswordForm } from './set-password-form';

// The token is in the URL: no Referer may carry it to another site.
export const metadata: Metadata = {
  title: 'Choose your password',
  referrer: 'no-referrer',
  robots: { index: false },
};
export const dynamic = 'force-dynamic';

export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = '' } = await searchParams;
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  // Only looks: the link is spent when the form is submitted, so a mail scanner opening it
  // does not use it up.
  const link = await checkPasswordLink(getDb(), secret, token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-900">Vigil</p>
          <h1 className="mt-2 text-sm text-slate-600">
            {link.ok
              ? link.purpose === 'invitation'
                ? `Welcome, ${link.name}: choose your password`
                : `Choose a new password, ${link.name}`
              : 'Choose your password'}
          </h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {link.ok ? (
            <SetPasswordForm token={token} email={link.email} />
          ) : (
            <div className="space-y-4">
              <Alert tone="error">{PASSWORD_LINK_PROBLEMS[link.problem]}</Alert>
              <Link href="/sign-in" className="text-sm text-brand-700 underline">
                Go to sign in
              </Link>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
