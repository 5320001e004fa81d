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
  // Read as the form is sent, the fields staying uncontrolled: a value typed before hydration
  // (a quick user, a slow machine) is never replaced.
  const [typed, setTyped] = useState({ email: '', password: '' });
  const [restarted, setRestarted] = useState<typeof state>(null);
  const codeStep = !!state?.codeRequired && restarted !== state;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const data = new FormData(event.currentTarget);
        setTyped({
          email: String(data.get('email') ?? ''),
          password: String(data.get('password') ?? ''),
        });
      }}
      className="space-y-4"
      noValidate
    >
      {state?.error && restarted !== state && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      {codeStep ? (
        <SignInCodeStep
          email={typed.email}
          password={typed.password}
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
              defaultValue={state?.email ?? email}
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
