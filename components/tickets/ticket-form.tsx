'use client';

import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldErrorsOf, useKeptForm } from '@/components/ui/use-kept-form';
import type { ActionResult } from '@/lib/actions/action-result';

export type TicketFormAction = (
  previous: ActionResult<unknown> | null,
  form: FormData,
) => Promise<ActionResult<unknown>>;

/**
 * The frame of the incident, task and schedule forms (new and edit): the server's refusal on
 * top, the version an edit started from, then the fields, which get the field errors. A
 * refused save keeps what was typed (useKeptForm).
 */
export function TicketForm({
  action,
  version,
  showSuccess = false,
  children,
}: {
  action: TicketFormAction;
  version?: number;
  /** Show the action's success message (an edit that stays on the page). */
  showSuccess?: boolean;
  children: (form: { errors: Record<string, string>; pending: boolean }) => ReactNode;
}) {
  const { result: state, pending, formProps } = useKeptForm(action);
  return (
    <form {...formProps} className="space-y-5" noValidate>
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      {showSuccess && state?.ok && state.message && <Alert tone="success">{state.message}</Alert>}
      {version !== undefined && <input type="hidden" name="version" value={version} />}
      {children({ errors: fieldErrorsOf(state), pending })}
    </form>
  );
}

export function SaveButton({ pending, label }: { pending: boolean; label: string }) {
  return (
    <Button type="submit" disabled={pending}>
      {pending ? 'Saving…' : label}
    </Button>
  );
}
