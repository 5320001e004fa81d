'use client';

import { createTokenAction, revokeTokenAction } from '@/app/(app)/settings/tokens/actions';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/dialog';
import { Field, inputClass } from '@/components/ui/field';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { ActionResult } from '@/lib/actions/action-result';
import {
  API_TOKEN_SCOPE_HINTS,
  API_TOKEN_SCOPE_LABELS,
  DEFAULT_TOKEN_DAYS,
  TOKEN_DAY_CHOICES,
  type ApiTokenScope,
} from '@/lib/auth/api-token-scopes';

/**
 * `allowedScopes`: the scopes the user's role can use, the only ones offered; read and write
 * (when allowed) start ticked, admin and events:ingest are chosen on purpose.
 */
export function NewTokenForm({ allowedScopes }: { allowedScopes: readonly ApiTokenScope[] }) {
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
      <fieldset aria-describedby={errors.scopes ? 'token-scopes-error' : undefined}>
        <legend className="block text-sm font-medium text-slate-800">What it may do</legend>
        <div className="mt-1 space-y-2">
          {allowedScopes.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                className="mt-0.5"
                defaultChecked={scope === 'read' || scope === 'write'}
              />
              <span>
                {API_TOKEN_SCOPE_LABELS[scope]}
                <span className="block text-xs text-slate-500">{API_TOKEN_SCOPE_HINTS[scope]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes && (
          <p id="token-scopes-error" className="mt-1 text-sm text-red-700" role="alert">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <Field
        label="Expires after"
        error={errors.expiresInDays}
        hint="After that day the token is refused; make a new one."
      >
        <select name="expiresInDays" defaultValue={DEFAULT_TOKEN_DAYS} className={inputClass}>
          {TOKEN_DAY_CHOICES.map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </select>
      </Field>
      <Button type="submit" disabled={pending}>
        Create token
      </Button>
    </form>
  );
}

/** Revoking a token; a refusal (already gone, no longer yours) is shown beside the button. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { result, pending, run } = useActionRunner();
  return (
    <div className="space-y-2">
      <ActionResultAlert result={result} />
      <ConfirmButton
        title={`Revoke “${name}”?`}
        message="Anything using it stops working at once."
        confirmLabel="Revoke"
        confirmVariant="danger"
        disabled={pending}
        onConfirm={() => run(() => revokeTokenAction(tokenId))}
      >
        Revoke
      </ConfirmButton>
    </div>
  );
}
