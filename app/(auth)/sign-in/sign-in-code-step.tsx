'use client';

import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';

/** The second step of signing in: the authenticator's code, or one recovery code. */
export function SignInCodeStep({
  email,
  password,
  pending,
  onRestart,
}: {
  email: string;
  password: string;
  pending: boolean;
  onRestart: () => void;
}) {
  return (
    <>
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="password" value={password} />
      <p className="text-sm text-slate-700">
        Signing in as <strong>{email}</strong>. Open your authenticator app and enter the code it
        shows for Vigil.
      </p>
      <Field
        label="Authentication code"
        hint="Six digits from the app, or one of your recovery codes if you cannot use it."
      >
        <input
          name="code"
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          required
          className={inputClass}
          autoFocus
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Checking…' : 'Verify'}
      </Button>
      <button
        type="button"
        onClick={onRestart}
        className="w-full text-center text-sm text-slate-600 underline"
      >
        Sign in as someone else
      </button>
    </>
  );
}
