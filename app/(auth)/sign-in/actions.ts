'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { signIn } from '@/lib/auth/next-auth';

const PASSWORD_OFF_MESSAGE =
  'Password sign-in is turned off for this organization. Use the single sign-on button above.';

export type SignInState = { error?: string; email?: string } | null;

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!email || !password) return { email, error: 'Enter your email address and password.' };
  try {
    await signIn('credentials', {
      email,
      password,
      redirectTo: safeCallbackPath(form.get('callbackUrl')),
    });
    return null;
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === 'password-off') return { email, error: PASSWORD_OFF_MESSAGE };
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
