'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { ActionResult } from '@/lib/actions/action-result';

/** Adds a note to an incident or a task; `action` is that item's bound server action. */
export function NoteForm({
  action,
}: {
  action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
}) {
  // Empty again once added; kept as typed when refused.
  const { result, pending, formProps } = useKeptForm(action, { resetOnSuccess: true });
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-3" noValidate>
      {result && !result.ok && !errors.body && <Alert tone="error">{result.error}</Alert>}
      <Field
        label="Add a note"
        error={errors.body}
        hint="Markdown. Notes are evidence: they cannot be deleted."
      >
        <textarea name="body" rows={4} className={inputClass} />
      </Field>
      <Button type="submit" disabled={pending}>
        Add note
      </Button>
    </form>
  );
}
