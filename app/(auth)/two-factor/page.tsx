import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { MfaSetupForm } from '@/components/settings/mfa-setup-form';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db/client';
import { REQUESTED_PATH_HEADER, signInPath } from '@/lib/auth/callback-path';
import { getSignedInUser, mustEnrolThisSession } from '@/lib/auth/session';
import { getOrStartTotpEnrolment } from '@/lib/users/mfa-enrolment';
import { SignOutButton } from './sign-out-link';

export const metadata: Metadata = { title: 'Two-step sign-in' };

export default async function TwoFactorPage() {
  const user = await getSignedInUser();
  if (!user) redirect(signInPath((await headers()).get(REQUESTED_PATH_HEADER)));
  const db = getDb();
  const [pending, required] = await Promise.all([
    getOrStartTotpEnrolment(db, user),
    mustEnrolThisSession(user),
  ]);
  // A data: URL image: the page's Content-Security-Policy allows img-src data:, and the secret
  // never leaves this response for a QR service.
  const qr = pending && (await QRCode.toDataURL(pending.uri, { margin: 1, width: 220 }));
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">Two-step sign-in</h1>
        {!pending ? (
          <>
            <Alert tone="success">Two-step sign-in is on for {user.email}.</Alert>
            <p className="text-sm text-slate-700">
              Manage your recovery codes or turn it off in{' '}
              <Link href="/settings/profile" className="text-brand-700 underline">
                Settings → Your profile
              </Link>
              .
            </p>
          </>
        ) : (
          <>
            {required && (
              <Alert tone="info">
                Your organization requires two-step sign-in for your account. Set it up to continue.
              </Alert>
            )}
            <MfaSetupForm qrDataUrl={qr!} secret={pending.secret} />
          </>
        )}
        <div className="flex justify-between border-t border-slate-100 pt-3 text-sm">
          {!required && (
            <Link href="/dashboard" className="text-brand-700 underline">
              Back to Vigil
            </Link>
          )}
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
