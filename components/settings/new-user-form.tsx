'use client';

import Link from 'next/link';
import { createUserAction } from '@/app/(app)/settings/users/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { RoleSelect } from './role-select';
import { TeamCheckboxes } from './team-checkboxes';
import { TimeZoneSelect } from './time-zone-select';

export function NewUserForm({
  teams,
  defaultTimeZone,
}: {
  teams: { id: string; name: string }[];
  defaultTimeZone: string;
}) {
  const { result: state, pending, formProps } = useKeptForm(createUserAction);

  if (state?.ok) {
    return (
      <div className="space-y-4">
        <Alert tone="success">
          <p>
            Created <strong>{state.data.email}</strong>. An invitation email with a link to choose
            their own password (valid for 7 days) is on its way.
          </p>
          {state.data.password && (
            <p className="mt-2">
              Their password is{' '}
              <code
                data-testid="generated-password"
                className="rounded bg-white px-1.5 py-0.5 font-mono"
              >
                {state.data.password}
              </code>
              . If email does not reach them, hand it over securely now: it is not shown again.
            </p>
          )}
        </Alert>
        <Link href="/settings/users" className="text-sm font-medium text-brand-700 underline">
          Back to users
        </Link>
      </div>
    );
  }

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="max-w-xl space-y-4" noValidate>
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      <Field label="Name" error={errors.name}>
        <input name="name" required className={inputClass} autoComplete="off" />
      </Field>
      <Field label="Email address" error={errors.email}>
        <input name="email" type="email" required className={inputClass} autoComplete="off" />
      </Field>
      <Field
        label="Role"
        error={errors.role}
        hint="Read-only suits auditors and examiners: they see and export, and change nothing."
      >
        <RoleSelect />
      </Field>
      <TimeZoneSelect
        defaultValue={defaultTimeZone}
        error={errors.timeZone}
        hint="Times are shown to them in this zone."
      />
      <TeamCheckboxes teams={teams} />
      <Field
        label="Password (optional)"
        error={errors.password}
        hint="Leave empty to generate one, shown to you once."
      >
        <input name="password" type="password" className={inputClass} autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create user'}
      </Button>
    </form>
  );
}
