'use client';

import { useState, useTransition } from 'react';
import { resetSecondFactorAction } from '@/app/(app)/settings/users/mfa-actions';
import { Alert } from '@/components/ui/alert';
import { ConfirmButton } from '@/components/ui/dialog';

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
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const reset = () =>
    startTransition(async () => {
      const result = await resetSecondFactorAction(userId);
      setMessage(
        result.ok
          ? { tone: 'success', text: result.message ?? 'Done.' }
          : { tone: 'error', text: result.error },
      );
    });
  return (
    <div className="space-y-3">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
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
