'use client';

import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { signInAction } from './actions';
import { SignInCodeStep } from './sign-in-code-step';

export function SignInForm({ callbackUrl, email }: { callbackUrl?: string; email?: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  // Kept here for the code step, which sends them again with the code: the server never
  // echoes a password, and a half-signed-in session never exists.
  const [typedEmail, setTypedEmail] = useState(email ?? '');
  const [typedPassword, setTypedPassword] = useState('');
  const [restarted, setRestarted] = useState<typeof state>(null);
  const codeStep = !!state?.codeRequired && restarted !== state;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state?.error && restarted !== state && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      {codeStep ? (
        <SignInCodeStep
          email={typedEmail}
          password={typedPassword}
          pending={pending}
          onRestart={() => setRestarted(state)}
        />
      ) : (
        <>
          <Field label="Email address">
            <input
              name="email"
              type="email"
              autoComplete="username"
              required
              value={typedEmail}
              onChange={(e) => setTypedEmail(e.target.value)}
              className={inputClass}
              autoFocus
            />
          </Field>
          <Field label="Password">
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={typedPassword}
              onChange={(e) => setTypedPassword(e.target.value)}
              className={inputClass}
            />
          </Field>
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </Button>
        </>
      )}
    </form>
  );
}
