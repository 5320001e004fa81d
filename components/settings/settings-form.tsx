'use client';

import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldErrorsOf, useKeptForm } from '@/components/ui/use-kept-form';
import type { ActionResult } from '@/lib/actions/action-result';

/**
 * A settings form: the answer of its last save on top (saved, or why not), its fields, which
 * get the field errors, and one submit button.
 */
export function SettingsForm({
  action,
  resetOnSuccess,
  submitLabel,
  children,
}: {
  action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  /** Empty the fields once saved: for forms that add something. */
  resetOnSuccess?: boolean;
  submitLabel: string;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const { result: state, pending, formProps } = useKeptForm(action, { resetOnSuccess });
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {state &&
        (state.ok ? (
          <Alert tone="success">{state.message}</Alert>
        ) : (
          <Alert tone="error">{state.error}</Alert>
        ))}
      {children(fieldErrorsOf(state))}
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
