'use client';

import { createTeamAction } from '@/app/(app)/settings/teams/actions';
import { Field, inputClass } from '@/components/ui/field';
import { SettingsForm } from './settings-form';

export function NewTeamForm() {
  return (
    <SettingsForm action={createTeamAction} resetOnSuccess submitLabel="Create team">
      {(errors) => (
        <>
          <Field label="Team name" error={errors.name}>
            <input name="name" required className={inputClass} />
          </Field>
          <Field label="Description" error={errors.description}>
            <input name="description" className={inputClass} />
          </Field>
        </>
      )}
    </SettingsForm>
  );
}
