'use client';

import { changePasswordAction, updateProfileAction } from '@/app/(app)/settings/profile/actions';
import { Field, inputClass } from '@/components/ui/field';
import { SettingsForm } from './settings-form';
import { TimeZoneSelect } from './time-zone-select';

export function ProfileForm({ name, timeZone }: { name: string; timeZone: string }) {
  return (
    <SettingsForm action={updateProfileAction} submitLabel="Save">
      {(errors) => (
        <>
          <Field label="Name" error={errors.name}>
            <input name="name" defaultValue={name} required className={inputClass} />
          </Field>
          <TimeZoneSelect
            defaultValue={timeZone}
            error={errors.timeZone}
            hint="Every time Vigil shows you is in this zone."
          />
        </>
      )}
    </SettingsForm>
  );
}

export function PasswordForm() {
  return (
    <SettingsForm action={changePasswordAction} resetOnSuccess submitLabel="Change password">
      {(errors) => (
        <>
          <Field label="Current password" error={errors.currentPassword}>
            <input
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              className={inputClass}
            />
          </Field>
          <Field label="New password" error={errors.newPassword} hint="At least 12 characters.">
            <input
              name="newPassword"
              type="password"
              autoComplete="new-password"
              className={inputClass}
            />
          </Field>
          <Field label="New password again" error={errors.confirmPassword}>
            <input
              name="confirmPassword"
              type="password"
              autoComplete="new-password"
              className={inputClass}
            />
          </Field>
        </>
      )}
    </SettingsForm>
  );
}
