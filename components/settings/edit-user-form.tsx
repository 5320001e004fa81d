'use client';

import { updateUserAction } from '@/app/(app)/settings/users/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { RoleSelect } from './role-select';
import { TeamCheckboxes } from './team-checkboxes';
import { TimeZoneSelect } from './time-zone-select';

type EditableUser = { id: string; name: string; role: string; timeZone: string; teamIds: string[] };

export function EditUserForm({
  user,
  teams,
}: {
  user: EditableUser;
  teams: { id: string; name: string }[];
}) {
  const { result: state, pending, formProps } = useKeptForm(updateUserAction.bind(null, user.id));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="max-w-xl space-y-4" noValidate>
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      {state?.ok && <Alert tone="success">{state.message}</Alert>}
      <Field label="Name" error={errors.name}>
        <input name="name" required defaultValue={user.name} className={inputClass} />
      </Field>
      <Field label="Role" error={errors.role}>
        <RoleSelect defaultValue={user.role} />
      </Field>
      <TimeZoneSelect defaultValue={user.timeZone} error={errors.timeZone} />
      <TeamCheckboxes teams={teams} checked={user.teamIds} />
      {errors.teamIds && <p className="text-sm text-red-700">{errors.teamIds}</p>}
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save changes'}
      </Button>
    </form>
  );
}
