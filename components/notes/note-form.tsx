'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/action-result';

/** Adds a note to an incident or a task; `action` is that item's bound server action. */
export function NoteForm({ action }: { action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult> }) {
  const [result, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      {result && !result.ok && !errors.body && <Alert tone="error">{result.error}</Alert>}
      <Field label="Add a note" error={errors.body} hint="Markdown. Notes are evidence: they cannot be deleted.">
        <textarea name="body" rows={4} className={inputClass} />
      </Field>
      <Button type="submit" disabled={pending}>
        Add note
      </Button>
    </form>
  );
}
