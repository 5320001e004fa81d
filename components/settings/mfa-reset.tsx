'use client';

import { resetSecondFactorAction } from '@/app/(app)/settings/users/mfa-actions';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { ConfirmButton } from '@/components/ui/dialog';
import { useActionRunner } from '@/components/ui/use-action-runner';

/** A user's page in Settings: whether they use two-step sign-in, and resetting it (a lost phone). */
export function MfaReset({
  userId,
  name,
  enrolled,
  required,
}: {
  userId: string;
  name: string;
  enrolled: boolean;
  required: boolean;
}) {
  const { result, pending, run } = useActionRunner();
  const reset = () => run(() => resetSecondFactorAction(userId));
  return (
    <div className="space-y-3">
      <ActionResultAlert result={result} />
      <p className="text-sm text-slate-700">
        {enrolled ? 'On, with an authenticator app.' : 'Off.'}
        {required ? ' The organization requires it for their role.' : ''}
      </p>
      {enrolled && (
        <ConfirmButton
          title={`Reset two-step sign-in for ${name}?`}
          message={`Their authenticator app and recovery codes stop working; they are emailed. ${required ? 'They must set up a new one when they next sign in.' : 'Until they set up a new one, their password alone signs them in.'}`}
          confirmLabel="Reset two-step sign-in"
          onConfirm={reset}
          disabled={pending}
        >
          Reset two-step sign-in
        </ConfirmButton>
      )}
    </div>
  );
}
