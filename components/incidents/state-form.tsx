'use client';

import { useState } from 'react';
import { changeStateAction } from '@/app/(app)/incidents/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { fieldErrorsOf, useKeptForm } from '@/components/ui/use-kept-form';
import type { IncidentState } from '@/db/schema';
import { INCIDENT_STATES, isReopening, STATE_LABELS } from '@/lib/incidents/schemas';

function moveLabel(from: IncidentState, to: IncidentState): string {
  if (to === 'closed') return 'Close incident';
  return isReopening(from, to) ? `Reopen in ${STATE_LABELS[to]}` : `Move to ${STATE_LABELS[to]}`;
}

function noteLabel(from: IncidentState, to: IncidentState): string {
  if (to === 'closed') return 'Closing note (required)';
  return isReopening(from, to) ? 'Why reopen (required)' : 'Note (optional)';
}

/**
 * One button per state the incident can move to. Choosing one asks for its note; the
 * button that sends it carries the target and the state the panel was drawn for, so a
 * panel drawn for an older state is refused rather than obeyed. The page keys this form
 * by version: after any change it is drawn afresh.
 */
export function StateForm({
  incidentId,
  state,
  version,
}: {
  incidentId: string;
  state: IncidentState;
  version: number;
}) {
  const { result, pending, formProps } = useKeptForm(changeStateAction.bind(null, incidentId));
  const [target, setTarget] = useState<IncidentState | null>(null);
  const errors = fieldErrorsOf(result);
  return (
    <form {...formProps} className="space-y-3" noValidate>
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="from" value={state} />
      {!target && (
        <div className="flex flex-wrap gap-2">
          {INCIDENT_STATES.filter((s) => s !== state).map((s) => (
            <Button
              key={s}
              variant={s === 'closed' ? 'primary' : 'secondary'}
              disabled={pending}
              onClick={() => setTarget(s)}
            >
              {moveLabel(state, s)}…
            </Button>
          ))}
        </div>
      )}
      {target && (
        <>
          <Field label={noteLabel(state, target)} error={errors.note ?? errors.to}>
            <textarea name="note" rows={3} className={inputClass} autoFocus />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="to" value={target} disabled={pending}>
              {moveLabel(state, target)}
            </Button>
            <Button variant="ghost" disabled={pending} onClick={() => setTarget(null)}>
              Cancel
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
