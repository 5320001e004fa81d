'use client';

import { useState } from 'react';
import { reactivatePolicyAction, retirePolicyAction } from '@/app/(app)/policies/actions';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, inputClass } from '@/components/ui/field';
import { useActionRunner } from '@/components/ui/use-action-runner';

/** Retire (with a reason, asked in a dialog) or reactivate a custom policy: Power Users and Administrators. */
export function PolicyActions({
  policyId,
  version,
  active,
  label,
}: {
  policyId: string;
  version: number;
  active: boolean;
  label: string;
}) {
  const { result, pending, run } = useActionRunner();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const refusal = result && !result.ok ? (result.fieldErrors?.reason ?? result.error) : undefined;
  return (
    <div className="space-y-3">
      {!open && <ActionResultAlert result={result} />}
      {active ? (
        <Button variant="secondary" disabled={pending} onClick={() => setOpen(true)}>
          Retire
        </Button>
      ) : (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => reactivatePolicyAction(policyId, version))}
        >
          Reactivate
        </Button>
      )}
      <Dialog isOpen={open} onOpenChange={setOpen} title={`Retire ${label}?`}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              const answer = await retirePolicyAction(policyId, version, reason);
              if (answer.ok) setOpen(false);
              return answer;
            });
          }}
        >
          <p className="text-sm text-slate-700">
            It will no longer be offered where policies are chosen, and its review schedule is
            paused. Incidents, tasks and schedules it is attached to keep showing it, at the version
            they were attached to.
          </p>
          <Field label="Why is it retired?" error={refusal}>
            <textarea
              name="reason"
              rows={3}
              required
              maxLength={2000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              className={inputClass}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Retiring…' : 'Retire policy'}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
