'use client';

import { useActionState } from 'react';
import { createTeamAction } from '@/app/(app)/settings/teams/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/action-result';

export function NewTeamForm() {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(createTeamAction, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && (state.ok ? <Alert tone="success">{state.message}</Alert> : <Alert tone="error">{state.error}</Alert>)}
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
