'use client';

import { useTransition } from 'react';
import { createTokenAction, revokeTokenAction } from '@/app/(app)/settings/tokens/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/dialog';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { ActionResult } from '@/lib/actions/action-result';
import { API_TOKEN_SCOPE_LABELS, API_TOKEN_SCOPES } from '@/lib/auth/api-token-scopes';

/** `canIngest`: the user may send log events, so may make a token that does only that. */
export function NewTokenForm({ canIngest }: { canIngest: boolean }) {
  const {
    result: state,
    pending,
    formProps,
  } = useKeptForm<ActionResult<{ token: string }>>(createTokenAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {state?.ok && (
        <Alert tone="success">
          Copy this token now; it is not shown again:{' '}
          <code
            data-testid="new-token"
            className="break-all rounded bg-white px-1.5 py-0.5 font-mono"
          >
            {state.data.token}
          </code>
        </Alert>
      )}
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      <Field
        label="Token name"
        error={errors.name}
        hint="Name it after what will use it, like “SIEM alert forwarder”."
      >
        <input name="name" required className={inputClass} />
      </Field>
      {canIngest && (
        <Field
          label="What it may do"
          error={errors.scope}
          hint="A log shipper (Winlogbeat, Fluent Bit, Vector, rsyslog…) needs only to send events: its token then opens nothing else if its config file leaks."
        >
          <select name="scope" defaultValue="api" className={inputClass}>
            {API_TOKEN_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {API_TOKEN_SCOPE_LABELS[scope]}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Button type="submit" disabled={pending}>
        Create token
      </Button>
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <ConfirmButton
      title={`Revoke “${name}”?`}
      message="Anything using it stops working at once."
      confirmLabel="Revoke"
      confirmVariant="danger"
      disabled={pending}
      onConfirm={() => startTransition(() => void revokeTokenAction(tokenId))}
    >
      Revoke
    </ConfirmButton>
  );
}
