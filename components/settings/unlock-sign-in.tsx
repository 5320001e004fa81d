'use client';

import { useState, useTransition } from 'react';
import { unlockSignInAction } from '@/app/(app)/settings/users/actions';
import { Alert } from '@/components/ui/alert';
import { ConfirmButton } from '@/components/ui/dialog';

/**
 * The failed sign-ins that count against an account, and "Unlock sign-in" while there are any.
 * It stays mounted when an unlock brings the count to 0, so its confirmation is still shown.
 */
export function UnlockSignIn({
  userId,
  name,
  failures,
  addresses,
}: {
  userId: string;
  name: string;
  failures: number;
  addresses: number;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const unlock = () =>
    startTransition(async () => {
      const result = await unlockSignInAction(userId);
      setMessage(
        result.ok
          ? { tone: 'success', text: result.message ?? 'Done.' }
          : { tone: 'error', text: result.error },
      );
    });
  return (
    <div className="space-y-3">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {failures === 0 ? (
        <p className="text-sm text-slate-700">No failed sign-ins count against this account.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {failures} failed sign-in{failures === 1 ? '' : 's'} in the last 24 hours
            {addresses > 0 ? ` from ${addresses} address${addresses === 1 ? '' : 'es'}` : ''}. After
            five from one address, further tries from it must wait (1 minute, doubling up to 15).
          </p>
          <ConfirmButton
            title={`Unlock sign-in for ${name}?`}
            message="Earlier failed attempts stop counting against their account, from every address."
            confirmLabel="Unlock sign-in"
            onConfirm={unlock}
            disabled={pending}
          >
            Unlock sign-in
          </ConfirmButton>
        </>
      )}
    </div>
  );
}
