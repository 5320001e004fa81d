'use client';

import {
  disableSecondFactorAction,
  regenerateRecoveryCodesAction,
  type ManageSecondFactorResult,
} from '@/app/(app)/settings/profile/mfa-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { LinkButton } from '@/components/ui/link-button';
import { fieldErrorsOf, useKeptForm } from '@/components/ui/use-kept-form';
import { MfaRecoveryCodes } from './mfa-recovery-codes';

/** One form, two buttons (both need the current code): the button clicked picks the action. */
function manageSecondFactor(previous: ManageSecondFactorResult | null, form: FormData) {
  return form.get('intent') === 'disable'
    ? disableSecondFactorAction(previous, form)
    : regenerateRecoveryCodesAction(previous, form);
}

/** Settings → Your profile: whether two-step sign-in is on, and what its owner can do with it. */
export function MfaCard({
  enrolled,
  required,
  recoveryCodesLeft,
}: {
  enrolled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}) {
  const { result, pending, formProps } = useKeptForm<ManageSecondFactorResult>(manageSecondFactor);
  if (!enrolled)
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">
          Off. With it on, signing in also asks for a code from an authenticator app on your phone,
          so a stolen password alone is not enough.
        </p>
        <LinkButton href="/two-factor">Set up two-step sign-in</LinkButton>
      </div>
    );
  const errors = fieldErrorsOf(result);
  const newCodes = result?.ok ? result.data.recoveryCodes : undefined;
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {result &&
        (result.ok ? (
          <Alert tone="success">{result.message}</Alert>
        ) : (
          !errors.code && <Alert tone="error">{result.error}</Alert>
        ))}
      {newCodes && <MfaRecoveryCodes codes={newCodes} />}
      <p className="text-sm text-slate-700">
        On, with an authenticator app. {recoveryCodesLeft} of 10 recovery codes unused
        {required ? '. Your organization requires it for your role.' : '.'}
      </p>
      <Field
        label="Current code"
        error={errors.code}
        hint="From your app (or a recovery code), to confirm it is you."
      >
        <input name="code" type="text" autoComplete="one-time-code" className={inputClass} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="regenerate" disabled={pending}>
          New recovery codes
        </Button>
        {!required && (
          <Button
            type="submit"
            name="intent"
            value="disable"
            variant="secondary"
            disabled={pending}
          >
            Turn off
          </Button>
        )}
      </div>
    </form>
  );
}
