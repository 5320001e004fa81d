'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { signIn } from '@/lib/auth/next-auth';

const PASSWORD_OFF_MESSAGE =
  'Password sign-in is turned off for this organization. Use the single sign-on button above.';

// codeRequired: the password was right and the form now asks for the second factor's code,
// sending email and password again with it (kept in the page, never echoed by the server).
export type SignInState = { error?: string; email?: string; codeRequired?: boolean } | null;

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const code = String(form.get('code') ?? '').trim();
  if (!email || !password) return { email, error: 'Enter your email address and password.' };
  try {
    await signIn('credentials', {
      email,
      password,
      code,
      redirectTo: safeCallbackPath(form.get('callbackUrl')),
    });
    return null;
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === 'password-off') return { email, error: PASSWORD_OFF_MESSAGE };
      if (error.code === 'code-required') return { email, codeRequired: true };
      if (error.code === 'invalid-code')
        return {
          email,
          codeRequired: true,
          error:
            'That code is not right, or it was used already. Enter the code your app shows now.',
        };
      const locked = error.code.startsWith('locked:')
        ? new Date(error.code.slice('locked:'.length))
        : undefined;
      if (locked && !Number.isNaN(locked.getTime())) {
        const minutes = Math.max(1, Math.ceil((locked.getTime() - Date.now()) / 60_000));
        return {
          email,
          error: `Too many failed sign-ins. Sign-in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}; ask an administrator if you have forgotten your password.`,
        };
      }
      return { email, error: 'That email address and password do not match an active account.' };
    }
    if (error instanceof AuthError) return { email, error: 'Sign-in failed. Please try again.' };
    throw error; // the redirect after a successful sign-in
  }
}
