'use client';

import { changePasswordAction, updateProfileAction } from '@/app/(app)/settings/profile/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { TimeZoneSelect } from './time-zone-select';

export function ProfileForm({ name, timeZone }: { name: string; timeZone: string }) {
  const { result: state, pending, formProps } = useKeptForm(updateProfileAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {state &&
        (state.ok ? (
          <Alert tone="success">{state.message}</Alert>
        ) : (
          <Alert tone="error">{state.error}</Alert>
        ))}
      <Field label="Name" error={errors.name}>
        <input name="name" defaultValue={name} required className={inputClass} />
      </Field>
      <TimeZoneSelect
        defaultValue={timeZone}
        error={errors.timeZone}
        hint="Every time Vigil shows you is in this zone."
      />
      <Button type="submit" disabled={pending}>
        Save
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const {
    result: state,
    pending,
    formProps,
  } = useKeptForm(changePasswordAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {state &&
        (state.ok ? (
          <Alert tone="success">{state.message}</Alert>
        ) : (
          <Alert tone="error">{state.error}</Alert>
        ))}
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
      <Button type="submit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
