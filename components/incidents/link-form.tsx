'use client';

import { useTransition } from 'react';
import { linkAction, unlinkAction } from '@/app/(app)/incidents/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';

export function LinkForm({ incidentId }: { incidentId: string }) {
  const { result, pending, formProps } = useKeptForm(linkAction.bind(null, incidentId), {
    resetOnSuccess: true,
  });
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-3" noValidate>
      {result && !result.ok && !errors.targetNumber && <Alert tone="error">{result.error}</Alert>}
      <div className="grid grid-cols-2 gap-3">
        <Field label="This incident is">
          <select name="kind" className={inputClass} defaultValue="related">
            <option value="related">related to</option>
            <option value="duplicate_of">a duplicate of</option>
            <option value="parent_of">the parent of</option>
          </select>
        </Field>
        <Field label="Incident number" error={errors.targetNumber}>
          <input name="targetNumber" placeholder="INC-1042" className={inputClass} />
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        Link
      </Button>
    </form>
  );
}

export function UnlinkButton({ incidentId, linkId }: { incidentId: string; linkId: string }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => start(() => void unlinkAction(incidentId, linkId))}
      className="text-xs text-slate-500 underline hover:text-red-700"
    >
      Remove link
    </button>
  );
}
