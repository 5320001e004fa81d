'use client';

import { useState, useTransition } from 'react';
import { resetPasswordAction, setUserActiveAction } from '@/app/(app)/settings/users/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Reset password and deactivate/reactivate: each asks for confirmation, then says what happened. */
export function AccountActions({ userId, name, active }: { userId: string; name: string; active: boolean }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string; password?: string } | null>(null);

  const reset = () => {
    if (!confirm(`Set a new password for ${name}? Their current sessions will end, and they will be emailed a link to choose their own.`)) return;
    startTransition(async () => {
      const result = await resetPasswordAction(userId);
      setMessage(
        result.ok
          ? { tone: 'success', text: 'They were emailed a link to choose a new password (valid for 24 hours). Or hand over this one, shown once:', password: result.data.password }
          : { tone: 'error', text: result.error },
      );
    });
  };
  const toggle = () => {
    if (!confirm(active ? `Deactivate ${name}? They will be signed out and cannot sign in.` : `Reactivate ${name}?`)) return;
    startTransition(async () => {
      const result = await setUserActiveAction(userId, !active);
      setMessage(result.ok ? { tone: 'success', text: result.message ?? 'Done.' } : { tone: 'error', text: result.error });
    });
  };

  return (
    <div className="space-y-3">
      {message && (
        <Alert tone={message.tone}>
          {message.text}{' '}
          {message.password && <code data-testid="reset-password" className="rounded bg-white px-1.5 py-0.5 font-mono">{message.password}</code>}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={reset} disabled={pending}>
          Reset password
        </Button>
        <Button variant={active ? 'danger' : 'secondary'} onClick={toggle} disabled={pending}>
          {active ? 'Deactivate' : 'Reactivate'}
        </Button>
      </div>
    </div>
  );
}
