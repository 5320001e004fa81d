'use client';

import { createTeamAction } from '@/app/(app)/settings/teams/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';

export function NewTeamForm() {
  const {
    result: state,
    pending,
    formProps,
  } = useKeptForm(createTeamAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {state &&
        (state.ok ? (
          <Alert tone="success">{state.message}</Alert>
        ) : (
          <Alert tone="error">{state.error}</Alert>
        ))}
      <Field label="Team name" error={errors.name}>
        <input name="name" required className={inputClass} />
      </Field>
      <Field label="Description" error={errors.description}>
        <input name="description" className={inputClass} />
      </Field>
      <Button type="submit" disabled={pending}>
        Create team
      </Button>
    </form>
  );
}
