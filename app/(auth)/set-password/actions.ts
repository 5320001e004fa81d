'use server';

import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { setPasswordWithLink } from '@/lib/users/set-password-with-link';

export async function setPasswordAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ email: string }>> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  const h = await headers();
  const result = await toActionResult(() =>
    setPasswordWithLink(
      getDb(),
      secret,
      {
        token: String(form.get('token') ?? ''),
        password: String(form.get('password') ?? ''),
        confirmPassword: String(form.get('confirmPassword') ?? ''),
      },
      {
        requestId: h.get('x-request-id') ?? randomUUID(),
        clientAddress: clientAddressFrom(h) ?? undefined,
      },
    ),
  );
  // Outside toActionResult: redirect() works by throwing.
  if (result.ok) redirect(`/sign-in?passwordSet=1&email=${encodeURIComponent(result.data.email)}`);
  return result;
}
