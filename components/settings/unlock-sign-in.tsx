'use client';

import { unlockSignInAction } from '@/app/(app)/settings/users/actions';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { ConfirmButton } from '@/components/ui/dialog';
import { useActionRunner } from '@/components/ui/use-action-runner';

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
  const { result, pending, run } = useActionRunner();
  const unlock = () => run(() => unlockSignInAction(userId));
  return (
    <div className="space-y-3">
      <ActionResultAlert result={result} />
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
