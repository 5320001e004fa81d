'use client';

import Link from 'next/link';
import { confirmEnrolmentAction, type EnrolmentResult } from '@/app/(auth)/two-factor/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { fieldErrorsOf, useKeptForm } from '@/components/ui/use-kept-form';
import { MfaRecoveryCodes } from './mfa-recovery-codes';

/** Scan (or type) the secret, then prove the app has it with a code before it takes effect. */
export function MfaSetupForm({ qrDataUrl, secret }: { qrDataUrl: string; secret: string }) {
  const { result, pending, formProps } = useKeptForm<EnrolmentResult>(confirmEnrolmentAction);
  if (result?.ok)
    return (
      <div className="space-y-4">
        <Alert tone="success">{result.message}</Alert>
        <MfaRecoveryCodes codes={result.data.recoveryCodes} />
        <Link href="/dashboard" className="inline-block text-brand-700 underline">
          Continue to Vigil
        </Link>
      </div>
    );
  const errors = fieldErrorsOf(result);
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <p className="text-sm text-slate-700">
        Scan this code with an authenticator app (Microsoft or Google Authenticator, 1Password,
        FreeOTP…). From then on, signing in asks for the six digits it shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
      <img src={qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} />
      <p className="text-sm text-slate-700">
        Or enter this key by hand:{' '}
        <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono">
          {secret}
        </code>
      </p>
      {result && !result.ok && !errors.code && <Alert tone="error">{result.error}</Alert>}
      <Field label="Code from the app" error={errors.code}>
        <input
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          className={inputClass}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Turn on two-step sign-in'}
      </Button>
    </form>
  );
}
