'use client';

import { useState, useTransition } from 'react';
import { resetPasswordAction, setUserActiveAction } from '@/app/(app)/settings/users/actions';
import { Alert } from '@/components/ui/alert';
import { ConfirmButton } from '@/components/ui/dialog';

/** Reset password and deactivate/reactivate: each asks in a dialog, then says what happened. */
export function AccountActions({
  userId,
  name,
  active,
}: {
  userId: string;
  name: string;
  active: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{
    tone: 'success' | 'error';
    text: string;
    password?: string;
  } | null>(null);

  const reset = () => {
    startTransition(async () => {
      const result = await resetPasswordAction(userId);
      setMessage(
        result.ok
          ? {
              tone: 'success',
              text: 'They were emailed a link to choose a new password (valid for 24 hours). Or hand over this one, shown once:',
              password: result.data.password,
            }
          : { tone: 'error', text: result.error },
      );
    });
  };
  const toggle = () => {
    startTransition(async () => {
      const result = await setUserActiveAction(userId, !active);
      setMessage(
        result.ok
          ? { tone: 'success', text: result.message ?? 'Done.' }
          : { tone: 'error', text: result.error },
      );
    });
  };

  return (
    <div className="space-y-3">
      {message && (
        <Alert tone={message.tone}>
          {message.text}{' '}
          {message.password && (
            <code data-testid="reset-password" className="rounded bg-white px-1.5 py-0.5 font-mono">
              {message.password}
            </code>
          )}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <ConfirmButton
          title={`Set a new password for ${name}?`}
          message="Their current sessions will end, and they will be emailed a link to choose their own."
          confirmLabel="Reset password"
          onConfirm={reset}
          disabled={pending}
        >
          Reset password
        </ConfirmButton>
        <ConfirmButton
          variant={active ? 'danger' : 'secondary'}
          confirmVariant={active ? 'danger' : 'primary'}
          title={active ? `Deactivate ${name}?` : `Reactivate ${name}?`}
          message={active ? 'They will be signed out and cannot sign in.' : undefined}
          confirmLabel={active ? 'Deactivate' : 'Reactivate'}
          onConfirm={toggle}
          disabled={pending}
        >
          {active ? 'Deactivate' : 'Reactivate'}
        </ConfirmButton>
      </div>
    </div>
  );
}
