'use client';

import { updateMfaRequirementAction } from '@/app/(app)/settings/organization/mfa-actions';
import { Field, inputClass } from '@/components/ui/field';
import type { MfaRequirement } from '@/db/schema';
import { SettingsForm } from './settings-form';

const CHOICES: { value: MfaRequirement; label: string }[] = [
  { value: 'nobody', label: 'Nobody (each person may turn it on)' },
  { value: 'privileged', label: 'Administrators and Power Users' },
  { value: 'everyone', label: 'Everyone' },
];

/** Settings → Organization: who must sign in with an authenticator app as well as a password. */
export function MfaRequirementForm({ mfaRequiredFor }: { mfaRequiredFor: MfaRequirement }) {
  return (
    <SettingsForm action={updateMfaRequirementAction} submitLabel="Save">
      {(errors) => (
        <Field
          label="Require two-step sign-in for"
          error={errors.mfaRequiredFor}
          hint="Anyone it covers who signs in with a password and has not set it up is sent to do so on their next click and can do nothing else until they have. Single sign-on leaves the second factor to your identity provider; API tokens are not affected."
        >
          <select name="mfaRequiredFor" defaultValue={mfaRequiredFor} className={inputClass}>
            {CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
      )}
    </SettingsForm>
  );
}
