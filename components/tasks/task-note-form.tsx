'use client';

import { useActionState, useEffect, useRef } from 'react';
import { addTaskNoteAction } from '@/app/(app)/tasks/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/action-result';

export function TaskNoteForm({ taskId }: { taskId: string }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(addTaskNoteAction.bind(null, taskId), null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
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
